using System;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>
/// A set of images and their labels: sample <c>i</c> is <c>Images[i]</c> with label <c>Labels[i]</c>.
/// Owns both tensors and frees them on <see cref="Dispose"/>.
/// </summary>
public sealed class LabeledImages : IDisposable
{
    /// <summary>
    /// Takes ownership of <paramref name="images"/> (count first, e.g. (N, 1, 28, 28)) and
    /// <paramref name="labels"/> (N). Both are detached from any dispose scope, because this object frees them.
    /// </summary>
    /// <exception cref="ArgumentException">The labels are not one-dimensional or the counts differ.</exception>
    public LabeledImages(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.dim() != 1)
        {
            throw new ArgumentException($"Labels must be one-dimensional (N), but have shape ({string.Join(", ", labels.shape)}).", nameof(labels));
        }
        if (images.dim() < 1 || images.shape[0] != labels.shape[0])
        {
            throw new ArgumentException(
                $"Images and labels must hold the same number of samples, but the images have shape ({string.Join(", ", images.shape)}) " +
                $"and the labels {labels.shape[0]} entries.", nameof(labels));
        }
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
    }

    /// <summary>The images, count first; for MNIST float32 (N, 1, 28, 28) in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>The labels, int64 (N); for MNIST the digits 0 to 9.</summary>
    public Tensor Labels { get; }

    /// <summary>The number of samples, N.</summary>
    public long Count => Labels.shape[0];

    /// <summary>
    /// The first <paramref name="count"/> samples (all of them if there are fewer), as a new instance that shares
    /// memory with this one; dispose each independently.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public LabeledImages Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long taken = Math.Min(count, Count);
        return new LabeledImages(Images.narrow(0, 0, taken), Labels.narrow(0, 0, taken));
    }

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
