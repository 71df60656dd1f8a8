using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>Keras <c>Flatten</c>: each sample becomes one vector of all its values.</summary>
internal sealed class FlattenLayer : LayerDefinition
{
    public FlattenLayer()
        : base(LayerKind.Flatten, typeof(FlattenAttribute), "Flatten", "flatten")
    {
    }

    /// <summary>Moves values without computing on them, so integer values (token ids) pass through as they are.</summary>
    public override bool AcceptsIntegers => true;

    public override DType OutputDType(IReadOnlyList<LayerInput> inputs) => inputs[0].DType;

    public override LayerOutput? Infer(LayerContext context)
    {
        long size = ModelAnalysis.Elements(context.Input);
        if (size > int.MaxValue)
            return context.Fail(DiagnosticDescriptors.InvalidValue, "The flattened size", context.Name, "at most 2,147,483,647", Invariant.Grouped(size));
        return new LayerOutput(EquatableArray.Of((int)size));
    }

    public override LayerField Field(LayerPlan layer) => new(CSharp.Modules + ".Flatten", CSharp.Nn + ".Flatten()");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>ONNX Flatten at axis 1: (N, d1, …) → (N, d1·…), in the same (channels-first) order as TorchSharp's Flatten.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("Flatten", inputs[0], OnnxCode.Int("axis", 1));
}
