using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Layers;
using Dsl.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Generator.Analysis;

/// <summary>
/// Gives every layer its name: the one declared (<c>Name = "stem"</c>), or Keras's automatic one, the kind's prefix
/// numbered from 1 among the unnamed layers of that kind (<c>conv2d_1</c>). Reports names that cannot be a field
/// of the generated class and names used twice.
/// </summary>
internal static class LayerNames
{
    /// <summary>How layers refer to the model's input.</summary>
    public const string ModelInput = "input";

    /// <returns>The names, in layer order, and whether each is usable (valid and not taken by an earlier layer).</returns>
    public static (string[] Names, bool[] Valid) Assign(ModelSpec spec, IReadOnlyList<LayerDefinition> kinds, ICollection<DiagnosticInfo> diagnostics)
    {
        int count = spec.Layers.Count;
        var names = new string[count];
        var automatic = new bool[count];
        var valid = new bool[count];
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            var given = CommonOptions.Name.Get(spec.Layers[i]);
            if (given is null)
            {
                counters.TryGetValue(kinds[i].KerasName, out int n);
                counters[kinds[i].KerasName] = ++n;
                names[i] = kinds[i].KerasName + "_" + Invariant.ToText(n);
                automatic[i] = true;
                valid[i] = true;
                continue;
            }
            names[i] = given;
            var problem = Check(given, spec.ClassName);
            valid[i] = problem is null;
            if (problem is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerName, spec.Layers[i].Location, given, Invariant.ToText(i + 1), problem));
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            if (!valid[i])
                continue;
            if (first.TryGetValue(names[i], out int earlier))
            {
                valid[i] = false;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, spec.Layers[i].Location,
                    Invariant.ToText(i + 1), names[i], Invariant.ToText(earlier + 1),
                    automatic[earlier] ? " (its automatic name)" : automatic[i] ? " (this layer's automatic name)" : string.Empty));
            }
            else
            {
                first[names[i]] = i;
            }
        }
        return (names, valid);
    }

    /// <summary>Null when <paramref name="name"/> can name a layer of class <paramref name="className"/>, else why not.</summary>
    public static string? Check(string name, string className)
    {
        if (name == ModelInput)
            return "'input' names the model's input";
        if (!SyntaxFacts.IsValidIdentifier(name))
            return "a layer name becomes a field of the model, so it starts with a letter or '_' and holds only letters, digits and '_'";
        if (name == className)
            return "it is the model class's own name, which a member cannot have (CS0542)";
        if (ReservedNames.GeneratedMembers.Contains(name, StringComparer.Ordinal))
            return "the generated class has a member of that name";
        if (ReservedNames.ModuleMembers.Contains(name, StringComparer.Ordinal) || ReservedNames.ModuleMembers.Contains("@" + name, StringComparer.Ordinal))
            return "TorchSharp's Module has a member of that name, which the layer's field would hide";
        return null;
    }
}
