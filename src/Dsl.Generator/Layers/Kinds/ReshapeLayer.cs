using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Reshape</c>: the same values in the same order under a new per-sample shape, written like the input's
/// (features; steps, features; channels, height, width). One dimension may be -1 and is worked out from the
/// others (keras/src/ops/operation_utils.py, compute_reshape_output_shape). The values are in this DSL's
/// channels-first order, the order <c>Flatten</c> gives them.
/// </summary>
internal sealed class ReshapeLayer : LayerDefinition
{
    public static readonly IntegersOption TargetShape = new(nameof(ReshapeAttribute.TargetShape))
    {
        IsRequired = true,
        Counts = new[] { 1, 2, 3 },
        CountText = "1 to 3 values (features; steps, features; or channels, height, width)",
        // -1 and the positive sizes are valid; CheckLayer says so for anything else.
        Minimum = int.MinValue,
        Description = "an integer or a list of 1 to 3 integers",
    };

    public ReshapeLayer()
        : base(LayerKind.Reshape, typeof(ReshapeAttribute), "Reshape", "reshape", TargetShape)
    {
    }

    public override LayerOption MainOption => TargetShape;

    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        var target = TargetShape.Get(layer)!.Value;
        if (target.All(d => d >= 1 || d == -1) && target.Count(d => d == -1) <= 1)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, layer.Location, TargetShape.Name, name,
            "sizes of at least 1, one of which may be -1", Invariant.SampleShape(target)));
        return false;
    }

    /// <summary>Moves values without computing on them, so integer values (token ids) pass through as they are.</summary>
    public override bool AcceptsIntegers => true;

    public override DType OutputDType(IReadOnlyList<LayerInput> inputs) => inputs[0].DType;

    public override LayerOutput? Infer(LayerContext context)
    {
        var target = TargetShape.Get(context.Spec)!.Value;
        long values = ModelAnalysis.Elements(context.Input);
        decimal known = target.Where(d => d != -1).Aggregate(1m, (product, d) => product * d);
        string input = Invariant.SampleShape(context.Input);
        string count = Invariant.Grouped(values);
        string shape = Invariant.SampleShape(target);
        if (!target.Contains(-1))
        {
            if (known == values)
                return new LayerOutput(target);
            return context.Fail(DiagnosticDescriptors.ReshapeChangesCount, context.Name, input, context.Producer, count, shape,
                "holds " + known.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " values");
        }
        if (values % known != 0)
        {
            return context.Fail(DiagnosticDescriptors.ReshapeChangesCount, context.Name, input, context.Producer, count, shape,
                "cannot hold them for any size of its -1 dimension (" + count + " is not a multiple of "
                + known.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + ", the product of the others)");
        }
        decimal inferred = values / known;
        if (inferred > int.MaxValue)
            return context.Fail(DiagnosticDescriptors.InvalidValue, "The -1 dimension", context.Name, "at most 2,147,483,647", Invariant.Grouped((long)inferred));
        return new LayerOutput(target.Select(d => d == -1 ? (int)inferred : d).ToEquatableArray());
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + ".reshape(new long[] { " + inputs[0] + ".shape[0], " + string.Join(", ", layer.OutputShape.Select(d => CSharp.Long(d))) + " })";

    /// <summary>ONNX Reshape to (N, …target): the leading 0 copies the batch dimension.</summary>
    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("Reshape", new[] { inputs[0], onnx.Longs(new long[] { 0 }.Concat(layer.OutputShape.Select(d => (long)d))) });
}
