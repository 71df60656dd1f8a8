using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>Keras's <c>SGD</c> update (sgd.py); slots <c>momentum</c> only when the momentum is not 0, as Keras builds them.</summary>
internal sealed class SgdOptimizer : KerasOptimizer
{
    private readonly Tensor[]? _momentums;
    private readonly Scalar _momentum;
    private readonly bool _nesterov;

    public SgdOptimizer(OptimizerSettings settings, IReadOnlyList<Parameter> parameters, double momentum, bool nesterov)
        : base(settings, parameters)
    {
        _momentum = Constant(momentum);
        _nesterov = nesterov;
        if (momentum != 0)
            _momentums = AddSlots("momentum");
    }

    /// <inheritdoc />
    protected override void Update(ReadOnlySpan<Parameter> variables, ReadOnlySpan<Tensor?> gradients, double learningRate)
    {
        using Scalar negativeRate = -learningRate;
        for (int i = 0; i < variables.Length; i++)
        {
            if (gradients[i] is not { } gradient)
                continue;
            var variable = variables[i];
            if (_momentums is null)
            {
                variable.add_(gradient, negativeRate);                 // w -= lr * g
                continue;
            }
            var m = _momentums[i];
            m.mul_(_momentum).add_(gradient, negativeRate);            // m = momentum * m - lr * g
            if (_nesterov)
                variable.add_(m, _momentum).add_(gradient, negativeRate);   // w += momentum * m - lr * g
            else
                variable.add_(m);                                      // w += m
        }
    }
}
