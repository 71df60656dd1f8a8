using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>The keys every block use takes besides the block's parameters, and how a copy's arguments combine.</summary>
internal static class UseArguments
{
    public const string Name = "name";
    public const string From = "from";
    public const string Inputs = "inputs";
    public const string Repeat = "repeat";
    public const string First = "first";
    public const string Rest = "rest";

    /// <summary>In <c>first</c> or <c>rest</c>: another block for those copies.</summary>
    public const string Block = "block";

    /// <summary>Keys no parameter may take: a use's own.</summary>
    public static readonly IReadOnlyList<string> Reserved = new[] { Name, From, Inputs, Repeat, First, Rest, Block };

    /// <summary>Copy <paramref name="copy"/>'s arguments: the use's, with <see cref="UseSpec.First"/> or <see cref="UseSpec.Rest"/> over them.</summary>
    public static IReadOnlyList<ArgumentSpec> For(UseSpec use, int copy)
    {
        var chosen = new Dictionary<string, ArgumentSpec>(System.StringComparer.Ordinal);
        foreach (var argument in use.Arguments)
            chosen[argument.Name] = argument;
        foreach (var argument in copy <= 1 ? use.First : use.Rest)
            chosen[argument.Name] = argument;
        return chosen.Values.ToList();
    }
}
