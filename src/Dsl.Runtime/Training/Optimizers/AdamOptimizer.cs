using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>Adam</c> update (adam.py), also AdamW's (Keras's AdamW is Adam with a required weight decay): slots
/// <c>momentum</c>, <c>velocity</c> and, with AMSGrad, <c>velocity_hat</c>.
/// </summary>
internal sealed class AdamOptimizer : KerasOptimizer
{
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly Scalar _beta1Scalar;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private readonly Tensor[] _momentums;
    private readonly Tensor[] _velocities;
    private readonly Tensor[]? _velocityHats;

    public AdamOptimizer(OptimizerSettings settings, IReadOnlyList<Parameter> parameters, double beta1, double beta2, double epsilon, bool amsgrad)
        : base(settings, parameters)
    {
        _beta1 = beta1;
        _beta2 = beta2;
        _beta1Scalar = Constant(beta1);
        _beta2Scalar = Constant(beta2);
        _oneMinusBeta1 = Constant(1 - beta1);
        _oneMinusBeta2 = Constant(1 - beta2);
        _epsilon = Constant(epsilon);
        _momentums = AddSlots("momentum");
        _velocities = AddSlots("velocity");
        if (amsgrad)
            _velocityHats = AddSlots("velocity_hat");
    }

    /// <inheritdoc />
    protected override void Update(ReadOnlySpan<Parameter> variables, ReadOnlySpan<Tensor?> gradients, double learningRate)
    {
        double localStep = Iterations + 1;
        double alpha = learningRate * Math.Sqrt(1 - Math.Pow(_beta2, localStep)) / (1 - Math.Pow(_beta1, localStep));
        using Scalar negativeAlpha = -alpha;
        for (int i = 0; i < variables.Length; i++)
        {
            if (gradients[i] is not { } gradient)
                continue;
            var m = _momentums[i];
            var v = _velocities[i];
            m.mul_(_beta1Scalar).add_(gradient, _oneMinusBeta1);                 // m += (g - m)(1 - beta1)
            v.mul_(_beta2Scalar).addcmul_(gradient, gradient, _oneMinusBeta2);   // v += (g² - v)(1 - beta2)
            if (_velocityHats is not null)
                v = _velocityHats[i].clamp_(v);                                  // v̂ = max(v̂, v), in place
            using var denominator = v.sqrt().add_(_epsilon);
            variables[i].addcdiv_(m, denominator, negativeAlpha);                // w -= alpha * m / (sqrt(v) + eps)
        }
    }
}
