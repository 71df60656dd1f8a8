using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalMaxPooling2D</c>: each channel's maximum over height and width, giving a vector, or (C, 1, 1) with
/// Keras's keepdims.
/// </summary>
internal sealed class GlobalMaxPool2DLayer : GlobalPoolLayer
{
    public GlobalMaxPool2DLayer()
        : base(LayerKind.GlobalMaxPool2D, typeof(GlobalMaxPool2DAttribute), "GlobalMaxPooling2D", "global_max_pooling2d", spatialAxes: 2, "amax", "ReduceMax")
    {
    }
}
