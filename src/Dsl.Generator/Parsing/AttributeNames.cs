using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Layers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Generator.Parsing;

/// <summary>Metadata names of the DSL's attributes (declared in Dsl.Runtime, linked into the generator).</summary>
internal static class AttributeNames
{
    public static readonly string Input = typeof(InputAttribute).FullName!;

    public static readonly string Block = typeof(BlockAttribute).FullName!;

    public static readonly string ExpectParameters = typeof(ExpectParametersAttribute).FullName!;

    public static readonly string Output = typeof(OutputAttribute).FullName!;

    public static readonly string Param = typeof(ParamAttribute).FullName!;

    public static readonly string Use = typeof(UseAttribute).FullName!;

    public static readonly string Reuse = typeof(ReuseAttribute).FullName!;

    public static readonly string Budget = typeof(BudgetAttribute).FullName!;

    public static readonly string Rewrites = typeof(RewritesAttribute).FullName!;

    /// <summary>The attributes that declare a graph's parts other than built-in layers.</summary>
    private static readonly string[] GraphLevel = { Input, Block, ExpectParameters, Budget, Rewrites, Output, Param, Use, Reuse };

    /// <summary>Every DSL attribute that can appear on a model or block class: the graph-level ones and one per layer kind.</summary>
    public static IEnumerable<string> All => GraphLevel.Concat(LayerRegistry.All.Select(k => k.AttributeName));

    public static bool IsDsl(string? metadataName) =>
        metadataName is not null && (GraphLevel.Contains(metadataName) || LayerRegistry.FindAttribute(metadataName) is not null);

    /// <summary>
    /// The DSL's attributes as C# code may name them: <c>Conv2D</c>, <c>Conv2DAttribute</c>, … but not <c>Input</c> or
    /// <c>Block</c>, whose classes are models or blocks anyway. Only for <see cref="MayCarryLayers"/>.
    /// </summary>
    private static readonly HashSet<string> LayerLikeNames = new(
        All.Where(n => n != Input && n != Block)
            .Select(n => n.Substring(n.LastIndexOf('.') + 1))
            .SelectMany(n => new[] { n, n.Substring(0, n.Length - "Attribute".Length) }),
        System.StringComparer.Ordinal);

    /// <summary>
    /// Purely syntactic, and cheap: a class with an attribute named like one of the DSL's (other than [Input] and [Block]),
    /// which the semantic check then confirms. An alias (<c>using C = Dsl.Conv2DAttribute;</c>) escapes it, and so only
    /// misses the "no [Input]" hint.
    /// </summary>
    public static bool MayCarryLayers(SyntaxNode node)
    {
        if (node is not ClassDeclarationSyntax { AttributeLists.Count: > 0 } declaration)
            return false;
        foreach (var list in declaration.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                string name = attribute.Name switch
                {
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => string.Empty,
                };
                if (LayerLikeNames.Contains(name))
                    return true;
            }
        }
        return false;
    }
}
