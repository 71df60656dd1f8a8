using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Embedding</c> (keras/src/layers/core/embedding.py): integer ids of any shape (…) → (…, output_dim), the rows
/// of an (input_dim, output_dim) table named <c>embeddings</c>, uniform in [−0.05, 0.05] at first (Keras's "uniform"):
/// input_dim·output_dim parameters. Keras casts float ids; this DSL refuses them at compile time (DSL068), since token
/// ids are integers. <c>mask_zero</c> gives the layer Keras's mask, ids ≠ 0 (the runtime module's <c>ComputeMask</c>).
/// </summary>
internal sealed class EmbeddingLayer : LayerDefinition
{
    public static readonly IntegerOption InputDim = new(nameof(EmbeddingAttribute.InputDim)) { IsRequired = true };

    public static readonly IntegerOption OutputDim = new(nameof(EmbeddingAttribute.OutputDim)) { IsRequired = true };

    public static readonly FlagOption MaskZero = new(nameof(EmbeddingAttribute.MaskZero));

    public EmbeddingLayer()
        : base(LayerKind.Embedding, typeof(EmbeddingAttribute), "Embedding", "embedding", InputDim, OutputDim, MaskZero)
    {
    }

    /// <summary>Token ids are integers; floats are refused by the shape rule with their own message (DSL068).</summary>
    public override bool AcceptsIntegers => true;

    public override LayerOutput? Infer(LayerContext context)
    {
        var input = context.Inputs[0];
        if (input.DType == DType.Float32)
            return context.Fail(DiagnosticDescriptors.EmbeddingOnFloats, context.Name, input.Description, string.Join(", ", input.Shape.Select(d => Invariant.ToText(d))));
        long parameters = (long)InputDim.Get(context.Spec) * OutputDim.Get(context.Spec);
        // A gather: no multiply-accumulates.
        return LayerOutput.Trained(input.Shape.Concat(new[] { OutputDim.Get(context.Spec) }).ToEquatableArray(), parameters, 0);
    }

    public override LayerField Field(LayerPlan layer) => new(Module,
        "new " + Module + "(" + CSharp.Long(InputDim.Get(layer.Spec)) + ", " + CSharp.Long(OutputDim.Get(layer.Spec)) + ", " + CSharp.Bool(MaskZero.Get(layer.Spec)) + ")");

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) => Identifier.Escape(layer.Name) + ".call(" + inputs[0] + ")";

    /// <summary>With mask_zero, Keras's compute_mask: the ids that are not 0 (padding) are the steps that hold data.</summary>
    public override bool OutputMasked(LayerSpec layer, IReadOnlyList<LayerInput> inputs) => MaskZero.Get(layer);

    public override string OutputMask(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) => inputs[0] + ".ne(0L)";

    public override string OnnxMask(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        // Compared as float: no integer but 0 casts to 0.0, whatever the ids' type.
        onnx.Node("Not", onnx.Node("Equal", new[] { onnx.Node("Cast", inputs[0], OnnxCode.Int("to", 1)), onnx.Scalar(0) }));

    /// <summary>Keras's "uniform" initialiser: RandomUniform(−0.05, 0.05).</summary>
    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        yield return CSharp.Support + ".KerasInitializers.Uniform(" + Identifier.Escape(layer.Name) + ".embeddings, -0.05, 0.05);";
    }

    /// <summary>Gather of the table's rows by the ids (int64 or int32; other integers cast to int64 first).</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs)
    {
        var type = layer.InputTypes[0].DType;
        string ids = type is DType.Int64 or DType.Int32 ? inputs[0] : onnx.Node("Cast", inputs[0], OnnxCode.Int("to", 7));
        return onnx.Node("Gather", new[] { onnx.Weight(layer.Name + ".embeddings"), ids }, OnnxCode.Int("axis", 0));
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Size = " + CSharp.Int(OutputDim.Get(layer.Spec));
    }

    private const string Module = "global::Dsl.Modules.Embedding";
}
