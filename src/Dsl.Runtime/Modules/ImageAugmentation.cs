using System;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// What Keras's image augmentation layers share (RandomFlip, RandomRotation, RandomTranslation, RandomZoom,
/// RandomContrast, RandomCrop): on images (N, C, H, W), integers cast to float32 first as Keras casts to its compute
/// type; in training mode a random transform with per-sample parameters drawn as tensors; in evaluation mode the input
/// unchanged (an alias, nothing computed) unless a kind says otherwise. Draws come from the layer's own generator when
/// it has a seed, else from TorchSharp's global CPU generator, which the trainer reseeds every epoch: either way the same
/// seed gives the same draws. They are made on the CPU and moved to the images' device, so a run repeats on any
/// device. No parameters or buffers.
/// </summary>
public abstract class ImageAugmentation : nn.Module<Tensor, Tensor>
{
    private readonly Generator? _generator;

    /// <param name="name">The module's name.</param>
    /// <param name="seed">The seed of the layer's own generator (at least 0), or null for the global generator.</param>
    protected ImageAugmentation(string name, long? seed) : base(name)
    {
        if (seed is { } value)
        {
            if (value < 0)
                throw new ArgumentOutOfRangeException(nameof(seed), value, "A seed must be at least 0.");
            _generator = new Generator((ulong)value, CPU);
        }
        Seed = seed;
    }

    /// <summary>The seed of the layer's own generator, or null when it draws from TorchSharp's global one.</summary>
    public long? Seed { get; }

    /// <summary>The layer's own generator (null without a seed): its state goes into the trainer's checkpoints, so a resumed run draws what the uninterrupted one would.</summary>
    internal Generator? OwnGenerator => _generator;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4)
            throw new ArgumentException($"{GetType().Name} takes images (N, C, H, W); the input has {input.dim()} dimensions.", nameof(input));
        using var scope = NewDisposeScope();
        var images = input.is_floating_point() ? input.alias() : input.to_type(ScalarType.Float32);
        return (training ? Augment(images) : Evaluate(images)).MoveToOuterDisposeScope();
    }

    /// <summary>The training-mode transform of float images; temporaries may be left to the caller's dispose scope.</summary>
    protected abstract Tensor Augment(Tensor images);

    /// <summary>The evaluation-mode output: the images as they are (what the ONNX export computes).</summary>
    protected virtual Tensor Evaluate(Tensor images) => images;

    /// <summary><paramref name="count"/> values drawn uniformly from [<paramref name="low"/>, <paramref name="high"/>), float32 on <paramref name="device"/>.</summary>
    protected Tensor Uniform(long count, double low, double high, Device device)
    {
        var unit = rand(new[] { count }, dtype: ScalarType.Float32, generator: _generator);
        return unit.mul(high - low).add(low).to(device);
    }

    /// <summary>A whole number drawn uniformly from [0, <paramref name="high"/>).</summary>
    protected long Integer(long high)
    {
        using var draw = randint(0, high, new[] { 1L }, dtype: ScalarType.Int64, generator: _generator);
        return draw.item<long>();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _generator?.Dispose();
        base.Dispose(disposing);
    }
}
