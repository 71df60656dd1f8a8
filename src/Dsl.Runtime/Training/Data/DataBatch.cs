using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// One batch of training data: a tensor per model input, a target per output (none for <c>Predict</c>), and optional
/// per-sample weights, all with the same number of samples first.
/// </summary>
public sealed class DataBatch : IDisposable
{
    /// <summary>Creates a batch; the trainer disposes it (and so its tensors) once the step is done.</summary>
    /// <exception cref="ArgumentException">There are no inputs, or the tensors disagree on the number of samples.</exception>
    public DataBatch(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> targets, Tensor? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count == 0 || inputs.Any(i => i is null) || targets.Any(t => t is null))
            throw new ArgumentException("A batch needs at least one input tensor, and no null tensors.", nameof(inputs));
        long count = inputs[0].Dimensions == 0 ? 0 : inputs[0].shape[0];
        foreach (var tensor in inputs.Concat(targets).Concat(sampleWeight is null ? Array.Empty<Tensor>() : new[] { sampleWeight }))
        {
            if (tensor.Dimensions == 0 || tensor.shape[0] != count)
                throw new ArgumentException($"Every tensor of a batch needs the same number of samples first ({count}), but one is shaped ({string.Join(", ", tensor.shape)}).", nameof(inputs));
        }
        Inputs = inputs;
        Targets = targets;
        SampleWeight = sampleWeight;
        Count = count;
    }

    /// <summary>One tensor per model input.</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <summary>One tensor per model output.</summary>
    public IReadOnlyList<Tensor> Targets { get; }

    /// <summary>A weight per sample, (N), or <see langword="null"/>.</summary>
    public Tensor? SampleWeight { get; }

    /// <summary>The number of samples.</summary>
    public long Count { get; }

    /// <summary>Every tensor of the batch.</summary>
    internal IEnumerable<Tensor> Tensors => Inputs.Concat(Targets).Concat(SampleWeight is null ? Array.Empty<Tensor>() : new[] { SampleWeight });

    /// <summary>Disposes the batch's tensors.</summary>
    public void Dispose()
    {
        foreach (var tensor in Tensors)
            tensor.Dispose();
    }
}
