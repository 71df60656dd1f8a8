using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalMaxPooling1D</c>: each channel's maximum over the steps, (steps, C) → (C), or (1, C) with Keras's
/// keepdims. Computed by a function (amax, as Keras's torch backend does; TorchSharp's AdaptiveMaxPool1d would always
/// keep the trailing 1-sized dimension).
/// </summary>
internal sealed class GlobalMaxPool1DLayer : GlobalPoolLayer
{
    public GlobalMaxPool1DLayer()
        : base(LayerKind.GlobalMaxPool1D, typeof(GlobalMaxPool1DAttribute), "GlobalMaxPooling1D", "global_max_pooling1d", spatialAxes: 1, "amax", "ReduceMax")
    {
    }
}
