using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Adam's hyper-parameters; <see cref="OptimizerSettings.Adam"/> creates one with Keras's defaults.
/// </summary>
/// <remarks>
/// TorchSharp's Adam (PyTorch's algorithm) adds epsilon to the bias-corrected root of the second moment; Keras adds
/// it before the bias correction. With epsilon 1e-7 the two differ only while the squared gradients are ~1e-14.
/// </remarks>
public sealed record AdamSettings : OptimizerSettings
{
    /// <summary>Decay of the running mean of gradients, in [0, 1). Keras: 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the running mean of squared gradients, in [0, 1). Keras: 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Added to the denominator for numerical stability; positive. Keras: 1e-7.</summary>
    public double Epsilon { get; init; } = 1e-7;

    /// <inheritdoc />
    public override string Name => "Adam";

    /// <inheritdoc />
    private protected override double DefaultLearningRate => 1e-3;

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        if (!(Beta1 >= 0 && Beta1 < 1))
            throw new ArgumentOutOfRangeException("options", Beta1, "Adam's Beta1 must be in [0, 1) (Keras's default is 0.9).");
        if (!(Beta2 >= 0 && Beta2 < 1))
            throw new ArgumentOutOfRangeException("options", Beta2, "Adam's Beta2 must be in [0, 1) (Keras's default is 0.999).");
        if (!(Epsilon > 0) || double.IsInfinity(Epsilon))
            throw new ArgumentOutOfRangeException("options", Epsilon, "Adam's Epsilon must be a positive, finite number (Keras's default is 1e-7).");
    }

    /// <inheritdoc />
    internal override OptimizerHelper Create(IEnumerable<Parameter> parameters) =>
        optim.Adam(parameters, LearningRate, Beta1, Beta2, Epsilon);

    /// <inheritdoc />
    internal override void Apply(OptimizerHelper optimizer)
    {
        foreach (var group in optimizer.ParamGroups.Cast<ParamGroup>())
        {
            var options = (Adam.Options)group.Options;
            options.LearningRate = LearningRate;
            options.beta1 = Beta1;
            options.beta2 = Beta2;
            options.eps = Epsilon;
        }
    }
}
