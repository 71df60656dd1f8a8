using System;
using System.Linq;
using System.Text;
using Dsl.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Generator.Analysis;

/// <summary>
/// How nodes are named: the name declared (<c>Name = "stem"</c>), or Keras's automatic one, the prefix numbered from 1
/// among the unnamed nodes of a graph that share it (<c>conv2d_1</c>; a block use's prefix is the block's name in
/// snake_case, <c>bottleneck_1</c>). Each graph numbers its own, so a block's layers restart at <c>_1</c> in every use.
/// </summary>
internal static class NodeNames
{
    /// <summary>The name of a graph's input when it declares one without naming it.</summary>
    public const string DefaultInput = "input";

    /// <summary>The copies of a repeated use named <c>conv2</c>: <c>conv2_block1</c>, <c>conv2_block2</c>, … (Keras's ResNet stages).</summary>
    public static string Copy(string name, int copy) => name + "_block" + Invariant.ToText(copy);

    /// <summary><c>Bottleneck</c> → <c>bottleneck</c>, <c>ResNetBlock</c> → <c>res_net_block</c>, <c>Conv2DBn</c> → <c>conv2_d_bn</c>.</summary>
    public static string SnakeCase(string className)
    {
        var text = new StringBuilder();
        for (int i = 0; i < className.Length; i++)
        {
            char c = className[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(className[i - 1]) || char.IsDigit(className[i - 1])
                || (i + 1 < className.Length && char.IsUpper(className[i - 1]) && char.IsLower(className[i + 1]))))
                text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    /// <summary>Null when <paramref name="name"/> can name a node of <paramref name="spec"/>, else why not.</summary>
    public static string? Check(string name, GraphSpec spec)
    {
        if (Yaml.CSharpNames.Unusable(name) is { } unusable)
            return unusable;
        if (spec.Inputs.Any(i => i.Name == name))
            return name == DefaultInput && spec.Inputs.Count == 1 ? "'input' names the model's input" : "'" + name + "' names an input of " + (spec.IsBlock ? "the block" : "the model");
        if (!SyntaxFacts.IsValidIdentifier(name))
            return "a layer name becomes a field of the " + (spec.IsBlock ? "block" : "model") + ", so it starts with a letter or '_' and holds only letters, digits and '_'";
        if (name == spec.ClassName)
            return "it is the " + (spec.IsBlock ? "block" : "model") + " class's own name, which a member cannot have (CS0542)";
        if ((spec.IsBlock ? ReservedNames.BlockMembers : ReservedNames.GeneratedMembers.Concat(new[] { ReservedNames.OutputsRecord })).Contains(name, StringComparer.Ordinal))
            return "the generated class has a member of that name";
        if (ReservedNames.ModuleMembers.Contains(name, StringComparer.Ordinal) || ReservedNames.ModuleMembers.Contains("@" + name, StringComparer.Ordinal))
            return "TorchSharp's Module has a member of that name, which the layer's field would hide";
        return null;
    }

    /// <summary>Null when <paramref name="name"/> can name an input of <paramref name="spec"/>: a parameter of <c>forward</c>.</summary>
    public static string? CheckInput(string name, GraphSpec spec)
    {
        if (Yaml.CSharpNames.Unusable(name) is { } unusable)
            return unusable;
        if (!SyntaxFacts.IsValidIdentifier(name) || name.StartsWith("@", StringComparison.Ordinal))
            return "an input name becomes a parameter of forward, so it starts with a letter or '_' and holds only letters, digits and '_'";
        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None)
            return "it is a C# keyword";
        if (name == spec.ClassName || ReservedNames.GeneratedMembers.Contains(name, StringComparer.Ordinal))
            return "the generated class has a member of that name";
        return null;
    }
}
