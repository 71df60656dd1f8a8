using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>SGD</c>; <see cref="OptimizerSettings.Sgd"/> creates one with Keras's defaults.
/// </summary>
/// <remarks>
/// Keras's rule (sgd.py): without momentum <c>w -= lr * g</c>; with it <c>m = momentum * m - lr * g</c>, then
/// <c>w += m</c>, or with Nesterov <c>w += momentum * m - lr * g</c>.
/// </remarks>
public sealed record SgdSettings : OptimizerSettings
{
    /// <summary>Momentum factor in [0, 1); 0 is plain SGD. Keras: 0.</summary>
    public double Momentum { get; init; }

    /// <summary>Nesterov momentum instead of classical momentum; needs <see cref="Momentum"/> above 0. Keras: false.</summary>
    public bool Nesterov { get; init; }

    /// <inheritdoc />
    public override string Name => "SGD";

    /// <inheritdoc />
    private protected override double DefaultLearningRate => 0.01;

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        if (!(Momentum >= 0 && Momentum < 1))
            throw new ArgumentOutOfRangeException("options", Momentum, "SGD's Momentum must be in [0, 1); 0 is plain SGD (Keras's default), 0.9 is usual.");
        if (Nesterov && Momentum == 0)
            throw new ArgumentException("SGD with Nesterov = true needs a Momentum above 0 (e.g. 0.9): Nesterov momentum without momentum is plain SGD.", "options");
    }

    /// <inheritdoc />
    internal override KerasOptimizer Create(IReadOnlyList<Parameter> parameters) =>
        new SgdOptimizer(this, parameters, Momentum, Nesterov);
}
