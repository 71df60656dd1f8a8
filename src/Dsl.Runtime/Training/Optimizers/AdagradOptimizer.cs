using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's <c>Adagrad</c> update (adagrad.py): slots <c>accumulator</c>, starting at the initial accumulator value.</summary>
internal sealed class AdagradOptimizer : KerasOptimizer
{
    private readonly Scalar _epsilon;
    private readonly Scalar _one;
    private readonly Tensor[] _accumulators;

    public AdagradOptimizer(OptimizerSettings settings, IReadOnlyList<Parameter> parameters, double initialAccumulatorValue, double epsilon)
        : base(settings, parameters)
    {
        _epsilon = Constant(epsilon);
        _one = Constant(1);
        _accumulators = AddSlots("accumulator", initialAccumulatorValue);
    }

    /// <inheritdoc />
    protected override void Update(ReadOnlySpan<Parameter> variables, ReadOnlySpan<Tensor?> gradients, double learningRate)
    {
        using Scalar negativeRate = -learningRate;
        for (int i = 0; i < variables.Length; i++)
        {
            if (gradients[i] is not { } gradient)
                continue;
            var accumulator = _accumulators[i];
            accumulator.addcmul_(gradient, gradient, _one);                              // a += g²
            using var denominator = accumulator.add(_epsilon).sqrt_();
            variables[i].addcdiv_(gradient, denominator, negativeRate);             // w -= lr g / sqrt(a + eps)
        }
    }
}
