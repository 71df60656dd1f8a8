using System.Collections.Generic;
using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>Nadam</c>; <see cref="OptimizerSettings.Nadam"/> creates one with Keras's defaults.
/// </summary>
/// <remarks>
/// Keras's rule (nadam.py), with <c>t = iterations + 1</c>: <c>u_t = beta1 (1 - 0.5 * 0.96^t)</c>,
/// <c>u_{t+1} = beta1 (1 - 0.5 * 0.96^(t+1))</c>, the running product <c>u_product *= u_t</c> (state kept across steps and
/// in checkpoints); <c>m += (g - m)(1 - beta1)</c>, <c>v += (g² - v)(1 - beta2)</c>,
/// <c>m̂ = u_{t+1} m / (1 - u_product u_{t+1}) + (1 - u_t) g / (1 - u_product)</c>, <c>v̂ = v / (1 - beta2^t)</c>,
/// <c>w -= lr * m̂ / (sqrt(v̂) + epsilon)</c>.
/// </remarks>
public sealed record NadamSettings : OptimizerSettings
{
    /// <summary>Decay of the running mean of gradients, in [0, 1). Keras: 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the running mean of squared gradients, in [0, 1). Keras: 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the denominator for numerical stability; positive. Keras: 1e-7.</summary>
    public double Epsilon { get; init; } = 1e-7;

    /// <inheritdoc />
    public override string Name => "Nadam";

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
        new NadamOptimizer(this, parameters, Beta1, Beta2, Epsilon);
}
