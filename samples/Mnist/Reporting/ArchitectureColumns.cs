using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using Dsl;
using Dsl.Reporting;

namespace Samples.Mnist.Reporting;

/// <summary>
/// The seed notebook's architecture columns, computed from the layers so they cannot disagree with the model
/// (the notebook filled them in by hand and miscounted).
/// </summary>
/// <param name="ConvLayers">Number of Conv2D layers.</param>
/// <param name="ConvSizes">Their filter counts in order, joined by <c>-</c> (<c>64-28-12</c>); empty without Conv2D layers.</param>
/// <param name="MaxPools">Number of MaxPool2D layers.</param>
/// <param name="PoolSizes">Their windows in order, joined by <c>-</c> (<c>2-2</c>); a square window is one number, another is <c>2x3</c> (height x width).</param>
/// <param name="Dropouts">Number of Dropout layers.</param>
/// <param name="Denses">Number of Dense layers, the output layer included.</param>
internal sealed record ArchitectureColumns(int ConvLayers, string ConvSizes, int MaxPools, string PoolSizes, int Dropouts, int Denses)
{
    /// <summary>Counts and lists the layers of one model, in order.</summary>
    public static ArchitectureColumns From(IEnumerable<LayerRecord> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var list = layers.ToList();
        var convs = list.Where(l => l.Is(LayerKind.Conv2D)).ToList();
        var pools = list.Where(l => l.Is(LayerKind.MaxPool2D)).ToList();
        return new ArchitectureColumns(
            convs.Count,
            string.Join("-", convs.Select(l => l.Size.ToString(CultureInfo.InvariantCulture))),
            pools.Count,
            string.Join("-", pools.Select(l => Window(l.Window))),
            list.Count(l => l.Is(LayerKind.Dropout)),
            list.Count(l => l.Is(LayerKind.Dense)));
    }

    private static string Window(IReadOnlyList<int> window) => window.Count switch
    {
        0 => "?",
        1 => window[0].ToString(CultureInfo.InvariantCulture),
        _ when window.All(w => w == window[0]) => window[0].ToString(CultureInfo.InvariantCulture),
        _ => string.Join("x", window.Select(w => w.ToString(CultureInfo.InvariantCulture))),
    };
}
