using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Options;

/// <summary>
/// One or more whole numbers: a window (<c>KernelSize</c>: one value for a square, or height and width), a stride,
/// a padding given per side. A kind reads the values through its own rule (<see cref="Get"/> gives them as given).
/// </summary>
internal sealed class IntegersOption : LayerOption
{
    public IntegersOption(string name, params string[] otherSpellings)
        : base(OptionType.Integers, name, otherSpellings)
    {
    }

    /// <summary>How many values may be given (default 1 or 2).</summary>
    public IReadOnlyList<int> Counts { get; init; } = new[] { 1, 2 };

    /// <summary>How the counts read in a message: <c>1 value (square) or 2 (height, width)</c>.</summary>
    public string CountText { get; init; } = "1 value (square) or 2 (height, width)";

    public int Minimum { get; init; } = 1;

    /// <summary>A single 0 means "not given" (a pooling stride of 0 is the pool size, as documented).</summary>
    public bool ZeroMeansDefault { get; init; }

    /// <summary>YAML may give a list of pairs, read as one flat list: <c>[[1, 0], [2, 1]]</c> is top, bottom, left, right.</summary>
    public bool AcceptsPairs { get; init; }

    /// <summary>How a YAML message words the expected value, where the default (a window) does not fit: <c>a list of 1 to 3 integers</c>.</summary>
    public string? Description { get; init; }

    public override string Expected => Description ?? (AcceptsPairs
        ? "an integer, a list [height, width] or a list of pairs [[top, bottom], [left, right]]"
        : Counts.Count == 1 && Counts[0] == 1 ? "an integer" : "an integer or a list [height, width]");

    /// <summary>The values as given, or null when the option was left out.</summary>
    public EquatableArray<int>? Get(LayerSpec layer) =>
        layer.ValueOf(this) is { } value ? value.Integers.Select(v => (int)v).ToEquatableArray() : null;

    public override OptionValue? Normalize(OptionValue value) =>
        ZeroMeansDefault && value.Integers.Count == 1 && value.Integers[0] == 0 ? null : value;

    public override bool Check(OptionValue value, string layer, SourceLocation location, ICollection<DiagnosticInfo> diagnostics)
    {
        var values = value.Integers;
        if (!Counts.Contains(values.Count))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongValueCount, location, Name, layer, CountText, Invariant.ValueCount(values.Count)));
            return false;
        }
        foreach (var item in values)
        {
            if (item < Minimum || item > int.MaxValue)
            {
                return Invalid(Minimum == 0 ? "at least 0" : "at least " + Invariant.ToText(Minimum),
                    values.Count == 1 ? Invariant.ToText(item) : Invariant.SampleShape(values.Select(v => (int)v).ToArray()), layer, location, diagnostics);
            }
        }
        return true;
    }
}
