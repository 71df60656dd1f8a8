using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Model;

/// <summary>
/// One entry of a declaration's graph, as written: a layer of a built-in kind (<see cref="LayerSpec"/>), a use of a block
/// (<see cref="UseSpec"/>) or a second call of an earlier layer (<see cref="ReuseSpec"/>).
/// </summary>
internal abstract record NodeSpec(SourceLocation Location);

/// <summary>
/// A layer of a built-in kind, before any checking: its kind, resolved once to its description, and the options that
/// were given, each bound once to its slot in the kind's option list by the front end that read it (so no later stage
/// looks an option up by name). Options left out keep the kind's defaults, which its description knows. In a block, an
/// option's value may be an expression over the block's parameters (<see cref="OptionValue.Expression"/>).
/// </summary>
internal sealed record LayerSpec(string Kind, SourceLocation Location) : NodeSpec(Location)
{
    /// <summary>The kind's description (a singleton, so equality stays the kind's).</summary>
    public LayerDefinition Definition { get; } = LayerRegistry.Get(Kind);

    /// <summary>One value per option of the kind, in <see cref="LayerDefinition.Options"/>' order; <see cref="OptionValue.Missing"/> where none was given.</summary>
    public EquatableArray<OptionValue> Values { get; init; } = EquatableArray<OptionValue>.Empty;

    /// <summary>The value given for <paramref name="option"/>, or null when it was left out.</summary>
    public OptionValue? ValueOf(LayerOption option)
    {
        int slot = Definition.SlotOf(option);
        return slot >= 0 && slot < Values.Count && Values[slot].IsGiven ? Values[slot] : null;
    }

    /// <summary>The options that were given, in the kind's order.</summary>
    public IEnumerable<(LayerOption Option, OptionValue Value)> Given =>
        Values.Select((value, slot) => (Option: Definition.Options[slot], Value: value)).Where(pair => pair.Value.IsGiven);

    /// <summary>This layer with exactly <paramref name="given"/> set, each in its option's slot (options of other kinds are ignored).</summary>
    public LayerSpec WithOptions(IEnumerable<(LayerOption Option, OptionValue Value)> given)
    {
        var values = Enumerable.Repeat(OptionValue.Missing, Definition.Options.Count).ToArray();
        foreach (var (option, value) in given)
        {
            int slot = Definition.SlotOf(option);
            if (slot >= 0)
                values[slot] = value;
        }
        return this with { Values = values.ToEquatableArray() };
    }

    /// <summary>Whether any option's value is an expression (to evaluate at each use of the block).</summary>
    public bool IsParametric => Values.Any(v => v.Expression is not null || v.Layer is { IsParametric: true });
}

/// <summary>
/// A use of a block as a layer: which block (by name, resolved against every declared block), the values of its
/// parameters, how many chained copies, and the names and inputs of a layer.
/// </summary>
internal sealed record UseSpec(string Block, SourceLocation Location) : NodeSpec(Location)
{
    /// <summary>Where the block's name is written (the YAML key; the attribute otherwise).</summary>
    public SourceLocation BlockLocation { get; init; }

    public string? Name { get; init; }

    /// <summary>The producer of a one-input block's input; null for the previous node.</summary>
    public string? From { get; init; }

    /// <summary>The producers of a block's inputs, in its order; empty unless given.</summary>
    public EquatableArray<string> Inputs { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Values for every copy.</summary>
    public EquatableArray<ArgumentSpec> Arguments { get; init; } = EquatableArray<ArgumentSpec>.Empty;

    /// <summary>Values for the first copy, over <see cref="Arguments"/>.</summary>
    public EquatableArray<ArgumentSpec> First { get; init; } = EquatableArray<ArgumentSpec>.Empty;

    /// <summary>Values for the copies after the first, over <see cref="Arguments"/>.</summary>
    public EquatableArray<ArgumentSpec> Rest { get; init; } = EquatableArray<ArgumentSpec>.Empty;

    /// <summary>The number of chained copies, an expression (a constant, or a parameter of the enclosing block); null for 1.</summary>
    public ExpressionValue? Repeat { get; init; }

    /// <summary>Another block for the first copy (<c>first: { block: ConvBlock }</c>): Keras's stack of a projection block then identity blocks.</summary>
    public string? FirstBlock { get; init; }

    /// <summary>Another block for the copies after the first.</summary>
    public string? RestBlock { get; init; }

    /// <summary>Where <see cref="FirstBlock"/> is written.</summary>
    public SourceLocation FirstBlockLocation { get; init; }

    /// <summary>Where <see cref="RestBlock"/> is written.</summary>
    public SourceLocation RestBlockLocation { get; init; }

    /// <summary>The block copy <paramref name="copy"/> (from 1) is a use of.</summary>
    public string BlockOf(int copy) => (copy <= 1 ? FirstBlock : RestBlock) ?? Block;

    /// <summary>Where the name of copy <paramref name="copy"/>'s block is written.</summary>
    public SourceLocation BlockLocationOf(int copy) => copy <= 1
        ? FirstBlock is null ? BlockLocation : FirstBlockLocation
        : RestBlock is null ? BlockLocation : RestBlockLocation;

    /// <summary>Every block the use's copies name, each once.</summary>
    public IEnumerable<string> Blocks => new[] { Block, FirstBlock, RestBlock }.OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>One argument of a block use: the parameter's name and its value, an expression.</summary>
internal sealed record ArgumentSpec(string Name, ExpressionValue Value, SourceLocation Location);

/// <summary>A second (third, …) call of an earlier layer or block use, with the same weights, on another input.</summary>
internal sealed record ReuseSpec(string Target, SourceLocation Location) : NodeSpec(Location)
{
    public string? Name { get; init; }

    public string? From { get; init; }

    public EquatableArray<string> Inputs { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>
/// A block parameter: its name, type and default (null for one every use must give). The default is an expression too,
/// a constant.
/// </summary>
internal sealed record ParameterSpec(string Name, string Type, ExpressionValue? Default, SourceLocation Location);
