using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>
/// Keras's <c>AdamW</c>; <see cref="OptimizerSettings.AdamW"/> creates one with Keras's defaults.
/// </summary>
/// <remarks>
/// Keras's AdamW is its Adam with <see cref="OptimizerSettings.WeightDecay"/> required (0.004 by default): before
/// every update each parameter becomes <c>w - w * weight_decay * lr</c>, then Adam's rule runs (see <see cref="AdamSettings"/>).
/// </remarks>
public sealed record AdamWSettings : OptimizerSettings
{
    /// <summary>Creates AdamW's settings with Keras's weight decay, 0.004 (set the learning rate, or use <see cref="OptimizerSettings.AdamW"/>).</summary>
    public AdamWSettings()
    {
        WeightDecay = 0.004;
    }

    /// <summary>Decay of the running mean of gradients, in [0, 1). Keras: 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the running mean of squared gradients, in [0, 1). Keras: 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the denominator for numerical stability; positive. Keras: 1e-7.</summary>
    public double Epsilon { get; init; } = 1e-7;

    /// <summary>The AMSGrad variant. Keras: false.</summary>
    public bool Amsgrad { get; init; }

    /// <inheritdoc />
    public override string Name => "AdamW";

    /// <inheritdoc />
    private protected override double DefaultLearningRate => 1e-3;

    /// <inheritdoc />
    internal override void Validate()
    {
        if (WeightDecay is null)
        {
            // Keras: "Argument `weight_decay` must be a float. Received: weight_decay=None".
            throw new ArgumentException("AdamW needs a WeightDecay (Keras's default is 0.004); for Adam without weight decay use OptimizerSettings.Adam().", "options");
        }
        base.Validate();
        RequireFraction(Beta1, nameof(Beta1), "0.9");
        RequireFraction(Beta2, nameof(Beta2), "0.999");
        RequirePositive(Epsilon, nameof(Epsilon), "1e-7");
    }

    /// <inheritdoc />
    internal override KerasOptimizer Create(IReadOnlyList<Parameter> parameters) =>
        new AdamOptimizer(this, parameters, Beta1, Beta2, Epsilon, Amsgrad);
}
