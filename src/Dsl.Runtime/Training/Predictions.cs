using System;
using System.Collections.Generic;

namespace Dsl.Training;

/// <summary>The result of <see cref="Trainer.Predict(TorchSharp.torch.Tensor, int?)"/>: per sample, the predicted class and its probability.</summary>
public sealed class Predictions
{
    /// <summary>Creates predictions; both lists have one entry per sample.</summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public Predictions(IReadOnlyList<int> classes, IReadOnlyList<float> confidence)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(confidence);
        if (classes.Count != confidence.Count)
            throw new ArgumentException($"There are {classes.Count} predicted classes but {confidence.Count} confidences.", nameof(confidence));
        Classes = classes;
        Confidence = confidence;
    }

    /// <summary>The argmax class of each sample.</summary>
    public IReadOnlyList<int> Classes { get; }

    /// <summary>The probability the model gave its predicted class, in [0, 1].</summary>
    public IReadOnlyList<float> Confidence { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Classes.Count;
}
