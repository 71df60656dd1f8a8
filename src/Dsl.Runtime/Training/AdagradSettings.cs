using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>Adagrad</c>; <see cref="OptimizerSettings.Adagrad"/> creates one with Keras's defaults.
/// </summary>
/// <remarks>
/// Keras's rule (adagrad.py): every accumulator starts at <see cref="InitialAccumulatorValue"/>; <c>a += g²</c>,
/// <c>w -= lr * g / sqrt(a + epsilon)</c>.
/// </remarks>
public sealed record AdagradSettings : OptimizerSettings
{
    /// <summary>The starting value of every accumulator; finite, at least 0. Keras: 0.1.</summary>
    public double InitialAccumulatorValue { get; init; } = 0.1;

    /// <summary>Added under the root of the denominator; positive. Keras: 1e-7.</summary>
    public double Epsilon { get; init; } = 1e-7;

    /// <inheritdoc />
    public override string Name => "Adagrad";

    /// <inheritdoc />
    private protected override double DefaultLearningRate => 1e-3;

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        if (!(InitialAccumulatorValue >= 0) || double.IsInfinity(InitialAccumulatorValue))
            throw new ArgumentOutOfRangeException("options", InitialAccumulatorValue, "Adagrad's InitialAccumulatorValue must be a finite number of at least 0 (Keras's default is 0.1).");
        RequirePositive(Epsilon, nameof(Epsilon), "1e-7");
    }

    /// <inheritdoc />
    internal override KerasOptimizer Create(IReadOnlyList<Parameter> parameters) =>
        new AdagradOptimizer(this, parameters, InitialAccumulatorValue, Epsilon);
}
