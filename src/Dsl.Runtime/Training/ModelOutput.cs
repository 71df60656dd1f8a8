using System;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// One output of a model for one batch, as losses and metrics see it: the values <c>forward</c> returns, and, when the
/// output ends with a softmax or sigmoid, the logits that activation was applied to (a stable cross-entropy needs them).
/// </summary>
public sealed class ModelOutput
{
    private Tensor? _values;

    /// <summary>An output whose <c>forward</c> values are <paramref name="values"/> (no logits known).</summary>
    public ModelOutput(string name, Tensor values, Activation activation = Activation.None)
    {
        ArgumentNullException.ThrowIfNull(values);
        Name = name;
        _values = values;
        Activation = activation;
    }

    private ModelOutput(Tensor logits, string name, Activation activation)
    {
        Name = name;
        Logits = logits;
        Activation = activation;
    }

    /// <summary>An output computed as <paramref name="activation"/> (softmax or sigmoid) of <paramref name="logits"/>.</summary>
    public static ModelOutput FromLogits(string name, Tensor logits, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (activation is not (Activation.Softmax or Activation.Sigmoid))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Only a softmax or sigmoid output is computed from logits.");
        return new ModelOutput(logits, name, activation);
    }

    /// <summary>The output's name (<see cref="OutputInfo.Name"/>; <c>output</c> for other modules).</summary>
    public string Name { get; }

    /// <summary>The activation the output's last layer ends with (<see cref="Activation.None"/> when unknown).</summary>
    public Activation Activation { get; }

    /// <summary>
    /// The scores a final softmax or sigmoid was applied to, or <see langword="null"/> when the output has no such
    /// activation (then <see cref="Values"/> is all there is).
    /// </summary>
    public Tensor? Logits { get; }

    /// <summary>What <c>forward</c> returns for this output: probabilities after a softmax or sigmoid (computed from
    /// <see cref="Logits"/> on first use), else the layer's values.</summary>
    // Along the axis the generated forward applies softmax on (Loss.ClassAxis): the classes of (N, classes), the
    // channels of an image, the last axis of a sequence (N, steps, classes), whose softmax is per step.
    public Tensor Values => _values ??= Activation == Activation.Softmax ? Logits!.softmax(Loss.ClassAxis(Logits!)) : Logits!.sigmoid();

    /// <summary>
    /// Scores whose argmax is the predicted class: the logits when known (no softmax needed), else the values.
    /// </summary>
    public Tensor Scores => Logits ?? Values;
}
