using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Activation</c>: an activation on its own, on any input shape. Its one option is the common
/// <c>Activation</c> option, so it is applied like any layer's activation: a final softmax is left out of
/// <c>ForwardLogits</c>, and a softmax before the last layer is warned about (DSL011). The layer's module is an
/// identity, so that hooks see the layer run; the activation follows it.
/// </summary>
internal sealed class ActivationLayer : LayerDefinition
{
    public ActivationLayer()
        : base(LayerKind.Activation, typeof(ActivationAttribute), "Activation", "activation", CommonOptions.Activation)
    {
    }

    public override LayerOption MainOption => CommonOptions.Activation;

    /// <summary>Keras's layer supports masking: a mask on its input passes to its output.</summary>
    public override bool SupportsMasking => true;

    public override LayerOutput Infer(LayerContext context) => new(context.Input);

    public override LayerField Field(LayerPlan layer) => new(CSharp.Modules + ".Identity", CSharp.Nn + ".Identity()");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>The identity: the layer's activation is added after it, like any layer's.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => inputs[0];
}
