using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using TorchSharp.Modules;

namespace Dsl.Training;

/// <summary>
/// The optimizer a <see cref="Trainer"/> builds, with its hyper-parameters. Create one with
/// <see cref="Adam"/> or <see cref="Sgd"/>; records, so <c>with</c> changes a single value.
/// Serialises to JSON with a <c>kind</c> discriminator (<c>adam</c> or <c>sgd</c>) for run records.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AdamSettings), "adam")]
[JsonDerivedType(typeof(SgdSettings), "sgd")]
public abstract record OptimizerSettings
{
    // Only the two sealed records below derive from this; the trainer knows how to build each of them.
    private protected OptimizerSettings()
    {
    }

    /// <summary>The step size; must be positive and finite.</summary>
    public double LearningRate { get; init; }

    /// <summary>The optimizer's name as Keras prints it, e.g. <c>Adam</c>.</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>
    /// Adam with Keras's defaults: learning rate 0.001, betas 0.9 and 0.999, epsilon 1e-7
    /// (PyTorch's default epsilon is 1e-8; Keras's is used here to reproduce Keras runs).
    /// </summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="beta1">Decay of the running mean of gradients, in [0, 1).</param>
    /// <param name="beta2">Decay of the running mean of squared gradients, in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator for numerical stability; positive.</param>
    public static AdamSettings Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7) =>
        new() { LearningRate = learningRate, Beta1 = beta1, Beta2 = beta2, Epsilon = epsilon };

    /// <summary>Stochastic gradient descent with optional (Nesterov) momentum; Keras's default learning rate is 0.01.</summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="momentum">Momentum factor in [0, 1); 0 is plain SGD.</param>
    /// <param name="nesterov">Use Nesterov momentum (needs a momentum above 0).</param>
    public static SgdSettings Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false) =>
        new() { LearningRate = learningRate, Momentum = momentum, Nesterov = nesterov };

    /// <summary>Throws if a hyper-parameter is out of range, naming it and the accepted range.</summary>
    internal virtual void Validate()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException("options", LearningRate,
                $"{Name}'s LearningRate must be a positive, finite number (Keras's default for {Name} is {DefaultLearningRate}).");
        }
    }

    /// <summary>Keras's default learning rate for this optimizer, quoted in error messages.</summary>
    private protected abstract double DefaultLearningRate { get; }

    /// <summary>Builds the TorchSharp optimizer over <paramref name="parameters"/>.</summary>
    internal abstract OptimizerHelper Create(IEnumerable<Parameter> parameters);

    /// <summary>
    /// Sets these hyper-parameters on every parameter group of <paramref name="optimizer"/> (built by <see cref="Create"/>),
    /// e.g. after loading a checkpoint, whose saved values would otherwise win.
    /// </summary>
    internal abstract void Apply(OptimizerHelper optimizer);
}
