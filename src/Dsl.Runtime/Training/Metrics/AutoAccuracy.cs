using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's <c>"accuracy"</c>, which stands for the accuracy that fits the targets and the output.</summary>
internal sealed class AutoAccuracy : Metric
{
    public AutoAccuracy()
        : base("accuracy", higherIsBetter: true)
    {
    }

    public override int Slots => throw Unresolved();

    public override Tensor BatchTotals(Tensor target, ModelOutput output) => throw Unresolved();

    public override double Result(ReadOnlySpan<double> totals) => throw Unresolved();

    // Keras's get_metric("accuracy"): binary when the output has one unit, sparse when the targets have fewer axes than
    // the output (or one column), categorical otherwise.
    internal override Metric ResolveFor(Tensor targets, IReadOnlyList<long> outputShape)
    {
        if (outputShape.Count >= 2 && outputShape[^1] == 1)
            return BinaryAccuracy(name: Name);
        bool sparse = targets.Dimensions != outputShape.Count || (targets.Dimensions >= 2 && targets.shape[^1] == 1);
        return sparse ? SparseCategoricalAccuracy(Name) : CategoricalAccuracy(Name);
    }

    private static InvalidOperationException Unresolved() => new("\"accuracy\" is resolved to a concrete accuracy against the data before it is computed.");
}
