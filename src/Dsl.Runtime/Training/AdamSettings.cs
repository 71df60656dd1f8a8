using System.Collections.Generic;
using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>Adam</c>; <see cref="OptimizerSettings.Adam"/> creates one with Keras's defaults.
/// </summary>
/// <remarks>
/// Keras's rule (adam.py), with <c>t = iterations + 1</c>: <c>m += (g - m)(1 - beta1)</c>,
/// <c>v += (g² - v)(1 - beta2)</c>, <c>alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)</c>,
/// <c>w -= alpha * m / (sqrt(v) + epsilon)</c>; with AMSGrad the largest <c>v</c> so far replaces <c>v</c>. Epsilon is
/// added to the root of the uncorrected <c>v</c> (PyTorch adds it after the bias correction).
/// </remarks>
public sealed record AdamSettings : OptimizerSettings
{
    /// <summary>Decay of the running mean of gradients, in [0, 1). Keras: 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the running mean of squared gradients, in [0, 1). Keras: 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the denominator for numerical stability; positive. Keras: 1e-7.</summary>
    public double Epsilon { get; init; } = 1e-7;

    /// <summary>The AMSGrad variant: divide by the root of the largest second moment seen so far. Keras: false.</summary>
    public bool Amsgrad { get; init; }

    /// <inheritdoc />
    public override string Name => "Adam";

    /// <inheritdoc />
    private protected override double DefaultLearningRate => 1e-3;

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        RequireFraction(Beta1, nameof(Beta1), "0.9");
        RequireFraction(Beta2, nameof(Beta2), "0.999");
        RequirePositive(Epsilon, nameof(Epsilon), "1e-7");
    }

    /// <inheritdoc />
    internal override KerasOptimizer Create(IReadOnlyList<Parameter> parameters) =>
        new AdamOptimizer(this, parameters, Beta1, Beta2, Epsilon, Amsgrad);
}
