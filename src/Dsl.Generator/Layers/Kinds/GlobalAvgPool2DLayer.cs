using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GlobalAveragePooling2D</c>: each channel's mean over height and width, giving a vector, or (C, 1, 1) with
/// Keras's keepdims.
/// </summary>
internal sealed class GlobalAvgPool2DLayer : GlobalPoolLayer
{
    public GlobalAvgPool2DLayer()
        : base(LayerKind.GlobalAvgPool2D, typeof(GlobalAvgPool2DAttribute), "GlobalAveragePooling2D", "global_average_pooling2d", spatialAxes: 2, "mean", "ReduceMean")
    {
    }

    // Computed by the runtime's module, a field like other layers' (so forward hooks reach it), not by a function.
    public override LayerField Field(LayerPlan layer) => new(
        "global::Dsl.Modules.GlobalAvgPool2d",
        "new global::Dsl.Modules.GlobalAvgPool2d(" + (Keepdims.Get(layer.Spec) ? CSharp.Bool(true) : string.Empty) + ")");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";
}
