using System.Collections.Generic;
using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>RMSprop</c>; <see cref="OptimizerSettings.RmsProp"/> creates one with Keras's defaults.
/// </summary>
/// <remarks>
/// Keras's rule (rmsprop.py): <c>v = rho * v + (1 - rho) * g²</c>; centered, also <c>a = rho * a + (1 - rho) * g</c>
/// and the denominator <c>sqrt(v - a² + epsilon)</c>, else <c>sqrt(v + epsilon)</c>; <c>increment = lr * g / denominator</c>;
/// with momentum <c>m = momentum * m + increment</c> and <c>w -= m</c>, else <c>w -= increment</c>.
/// </remarks>
public sealed record RmsPropSettings : OptimizerSettings
{
    /// <summary>Decay of the running mean of squared gradients, in [0, 1). Keras: 0.9.</summary>
    public double Rho { get; init; } = 0.9;

    /// <summary>Momentum factor in [0, 1); 0 for none. Keras: 0.</summary>
    public double Momentum { get; init; }

    /// <summary>Added under the root of the denominator; positive. Keras: 1e-7.</summary>
    public double Epsilon { get; init; } = 1e-7;

    /// <summary>Normalise by the gradient's estimated variance rather than its second moment. Keras: false.</summary>
    public bool Centered { get; init; }

    /// <inheritdoc />
    public override string Name => "RMSprop";

    /// <inheritdoc />
    private protected override double DefaultLearningRate => 1e-3;

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        RequireFraction(Rho, nameof(Rho), "0.9");
        RequireFraction(Momentum, nameof(Momentum), "0, no momentum");
        RequirePositive(Epsilon, nameof(Epsilon), "1e-7");
    }

    /// <inheritdoc />
    internal override KerasOptimizer Create(IReadOnlyList<Parameter> parameters) =>
        new RmsPropOptimizer(this, parameters, Rho, Momentum, Epsilon, Centered);
}
