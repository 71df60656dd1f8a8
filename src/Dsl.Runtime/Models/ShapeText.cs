using System.Collections.Generic;

namespace Dsl;

/// <summary>Formats per-sample shapes the way Keras's summary does, batch dimension first.</summary>
public static class ShapeText
{
    /// <summary><c>(None, 64, 28, 28)</c> for the per-sample shape [64, 28, 28].</summary>
    public static string Format(IReadOnlyList<int> shape) => "(None, " + string.Join(", ", shape) + ")";

    /// <summary><c>(N, 1, 28, 28)</c>: the batched shape a module expects.</summary>
    public static string FormatBatched(IReadOnlyList<int> shape) => "(N, " + string.Join(", ", shape) + ")";
}
