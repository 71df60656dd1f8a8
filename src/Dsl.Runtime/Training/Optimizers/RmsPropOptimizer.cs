using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>RMSprop</c> update (rmsprop.py): slots <c>velocity</c>, <c>momentum</c> when the momentum is above 0 and
/// <c>average_gradient</c> when centered, as Keras builds them.
/// </summary>
internal sealed class RmsPropOptimizer : KerasOptimizer
{
    private readonly Scalar _rho;
    private readonly Scalar _oneMinusRho;
    private readonly Scalar _momentum;
    private readonly Scalar _epsilon;
    private readonly Scalar _minusOne;
    private readonly Tensor[] _velocities;
    private readonly Tensor[]? _momentums;
    private readonly Tensor[]? _averageGradients;

    public RmsPropOptimizer(OptimizerSettings settings, IReadOnlyList<Parameter> parameters, double rho, double momentum, double epsilon, bool centered)
        : base(settings, parameters)
    {
        _rho = Constant(rho);
        _oneMinusRho = Constant(1 - rho);
        _momentum = Constant(momentum);
        _epsilon = Constant(epsilon);
        _minusOne = Constant(-1);
        _velocities = AddSlots("velocity");
        if (momentum > 0)
            _momentums = AddSlots("momentum");
        if (centered)
            _averageGradients = AddSlots("average_gradient");
    }

    /// <inheritdoc />
    protected override void Update(ReadOnlySpan<Parameter> variables, ReadOnlySpan<Tensor?> gradients, double learningRate)
    {
        using Scalar rate = learningRate;
        using Scalar negativeRate = -learningRate;
        for (int i = 0; i < variables.Length; i++)
        {
            if (gradients[i] is not { } gradient)
                continue;
            var velocity = _velocities[i];
            velocity.mul_(_rho).addcmul_(gradient, gradient, _oneMinusRho);              // v = rho v + (1 - rho) g²
            Tensor denominator;
            if (_averageGradients is not null)
            {
                var average = _averageGradients[i];
                average.mul_(_rho).add_(gradient, _oneMinusRho);                         // a = rho a + (1 - rho) g
                denominator = velocity.addcmul(average, average, _minusOne).add_(_epsilon);   // v - a² + eps
            }
            else
            {
                denominator = velocity.add(_epsilon);                                    // v + eps
            }
            using (denominator)
            {
                denominator.sqrt_();
                if (_momentums is not null)
                {
                    var m = _momentums[i];
                    m.mul_(_momentum).addcdiv_(gradient, denominator, rate);             // m = momentum m + lr g / sqrt(…)
                    variables[i].sub_(m);                                                 // w -= m
                }
                else
                {
                    variables[i].addcdiv_(gradient, denominator, negativeRate);          // w -= lr g / sqrt(…)
                }
            }
        }
    }
}
