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
    private readonly AdamMoments _moments;
    private readonly Scalar _epsilon;
    private readonly Tensor[]? _velocityHats;

    public AdamOptimizer(OptimizerSettings settings, IReadOnlyList<Parameter> parameters, double beta1, double beta2, double epsilon, bool amsgrad)
        : base(settings, parameters)
    {
        _moments = new AdamMoments(beta1, beta2, Constant, name => AddSlots(name));
        _epsilon = Constant(epsilon);
        if (amsgrad)
            _velocityHats = AddSlots("velocity_hat");
    }

    /// <inheritdoc />
    protected override void Update(ReadOnlySpan<Parameter> variables, ReadOnlySpan<Tensor?> gradients, double learningRate)
    {
        double localStep = Iterations + 1;
        double alpha = learningRate * Math.Sqrt(1 - Math.Pow(_moments.Beta2, localStep)) / (1 - Math.Pow(_moments.Beta1, localStep));
        using Scalar negativeAlpha = -alpha;
        for (int i = 0; i < variables.Length; i++)
        {
            if (gradients[i] is not { } gradient)
                continue;
            var (m, v) = _moments.Update(i, gradient);
            if (_velocityHats is not null)
                v = _velocityHats[i].clamp_(v);                                  // v̂ = max(v̂, v), in place
            using var denominator = v.sqrt().add_(_epsilon);
            variables[i].addcdiv_(m, denominator, negativeAlpha);                // w -= alpha * m / (sqrt(v) + eps)
        }
    }
}
