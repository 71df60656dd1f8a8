using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalAveragePooling1D</c>: each channel's mean over the sequence, (C, L) → (C), or (C, 1) with Keras's
/// keepdims. Computed by a function (TorchSharp's AdaptiveAvgPool1d would always keep the trailing 1-sized dimension).
/// </summary>
internal sealed class GlobalAvgPool1DLayer : GlobalPoolLayer
{
    public GlobalAvgPool1DLayer()
        : base(LayerKind.GlobalAvgPool1D, typeof(GlobalAvgPool1DAttribute), "GlobalAveragePooling1D", "global_average_pooling1d", spatialAxes: 1, "mean", "ReduceMean")
    {
    }
}
