using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Stochastic gradient descent's hyper-parameters; <see cref="OptimizerSettings.Sgd"/> creates one.
/// </summary>
public sealed record SgdSettings : OptimizerSettings
{
    /// <summary>Momentum factor in [0, 1); 0 is plain SGD.</summary>
    public double Momentum { get; init; }

    /// <summary>Nesterov momentum instead of classical momentum; needs <see cref="Momentum"/> above 0.</summary>
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
            throw new ArgumentOutOfRangeException("options", Momentum, "SGD's Momentum must be in [0, 1); 0 is plain SGD, 0.9 is usual.");
        if (Nesterov && Momentum == 0)
            throw new ArgumentException("SGD with Nesterov = true needs a Momentum above 0 (e.g. 0.9): Nesterov momentum without momentum is plain SGD.", "options");
    }

    /// <inheritdoc />
    internal override OptimizerHelper Create(IEnumerable<Parameter> parameters) =>
        optim.SGD(parameters, LearningRate, Momentum, nesterov: Nesterov);

    /// <inheritdoc />
    internal override void Apply(OptimizerHelper optimizer)
    {
        foreach (var group in optimizer.ParamGroups.Cast<ParamGroup>())
        {
            var options = (SGD.Options)group.Options;
            options.LearningRate = LearningRate;
            options.momentum = Momentum;
            options.nesterov = Nesterov;
        }
    }
}
