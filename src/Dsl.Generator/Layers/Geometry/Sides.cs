using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Geometry;

/// <summary>
/// Keras's way of giving an amount per side of an image (an amount of padding or cropping): one value
/// for every side, two for height and width (each on both sides), or four: top, bottom, left, right. YAML may also
/// write Keras's pairs, <c>[[top, bottom], [left, right]]</c>, which read as the four values.
/// </summary>
internal static class Sides
{
    /// <summary>The option that takes the values, each at least 0.</summary>
    public static IntegersOption Option(string name, bool required) => new(name)
    {
        IsRequired = required,
        Counts = new[] { 1, 2, 4 },
        CountText = "1 value (every side), 2 (height, width) or 4 (top, bottom, left, right)",
        Minimum = 0,
        AcceptsPairs = true,
    };

    /// <summary>The amounts per side (the option checked the count).</summary>
    public static Pads Of(EquatableArray<int> values) => values.Count switch
    {
        1 => new Pads(values[0], values[0], values[0], values[0]),
        2 => new Pads(values[0], values[0], values[1], values[1]),
        _ => new Pads(values[0], values[1], values[2], values[3]),
    };
}
