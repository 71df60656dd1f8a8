using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Permute</c>: output axis i is input axis dims[i], the per-sample axes numbered from 1 in Keras's order. For
/// sequences (steps, features) and flat inputs that is this DSL's order too; an image is (height, width, channels) in
/// Keras, so its dims are read in that order and the result put back channels first: <c>Permute(2, 1, 3)</c> swaps the
/// height and the width of a (C, H, W) image, as it swaps them in Keras. No parameters; the values are moved, not
/// computed on, so integer inputs pass through.
/// </summary>
internal sealed class PermuteLayer : LayerDefinition
{
    public static readonly IntegersOption Dims = new(nameof(PermuteAttribute.Dims))
    {
        IsRequired = true,
        Counts = new[] { 1, 2, 3 },
        CountText = "1 to 3 values (one per axis of the input, without the batch)",
        // Whether they are a permutation of the input's axes is the shape rule's check (DSL074).
        Minimum = int.MinValue,
        Description = "a list of 1 to 3 integers",
    };

    public PermuteLayer()
        : base(LayerKind.Permute, typeof(PermuteAttribute), "Permute", "permute", Dims)
    {
    }

    public override LayerOption MainOption => Dims;

    public override bool AcceptsIntegers => true;

    public override DType OutputDType(IReadOnlyList<LayerInput> inputs) => inputs[0].DType;

    public override LayerOutput? Infer(LayerContext context)
    {
        var dims = Dims.Get(context.Spec)!.Value;
        int rank = context.Input.Count;
        if (dims.Count != rank || !dims.OrderBy(d => d).SequenceEqual(Enumerable.Range(1, rank)))
        {
            string order = rank switch
            {
                1 => "(features)",
                2 => "(steps, features)",
                _ => "(height, width, channels)",
            };
            return context.Fail(DiagnosticDescriptors.NotAPermutation, context.Name, Invariant.SampleShape(dims),
                rank == 1 ? "1" : "1 to " + Invariant.ToText(rank), Invariant.SampleShape(context.Input), context.Producer, order);
        }
        var permutation = Permutation(dims);
        return new LayerOutput(permutation.Select(axis => context.Input[axis]).ToEquatableArray());
    }

    /// <summary><c>x.permute(0L, 2L, 1L)</c>: the batch stays first.</summary>
    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs) =>
        inputs[0] + ".permute(" + string.Join(", ", Axes(layer).Select(CSharp.Long)) + ")";

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) =>
        onnx.Node("Transpose", inputs[0], OnnxCode.Ints("perm", Axes(layer)));

    /// <summary>The axes of the batched input in the output's order.</summary>
    private static IEnumerable<long> Axes(LayerPlan layer) =>
        new long[] { 0 }.Concat(Permutation(Dims.Get(layer.Spec)!.Value).Select(axis => (long)axis + 1));

    /// <summary>
    /// For each output axis in this DSL's order, the input axis it takes: Keras's output axis i takes Keras's input axis
    /// dims[i] − 1, each axis mapped between the two orders.
    /// </summary>
    private static int[] Permutation(EquatableArray<int> dims)
    {
        int rank = dims.Count;
        return Enumerable.Range(0, rank).Select(axis => KerasAxes.ToDsl(dims[KerasAxes.ToKeras(axis, rank)] - 1, rank)).ToArray();
    }
}
