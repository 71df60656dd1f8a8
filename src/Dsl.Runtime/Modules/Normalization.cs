using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Modules;

/// <summary>
/// Keras's <c>Normalization</c> (keras/src/layers/preprocessing/normalization.py): (x − mean) / max(√variance, 1e-7), or
/// with <c>invert</c> mean + x · max(√variance, 1e-7), with one mean and variance per position of the kept axes (the
/// channels of an image by default) broadcast over the others. Left to adapt, the statistics are the buffers
/// <c>mean</c> and <c>variance</c> (shaped as the kept axes, channels first; starting at 0 and 1) and Keras's int64
/// <c>count</c>, so checkpoints and safetensors keep them; <see cref="Adapt(Tensor)"/> computes them from data as Keras's
/// <c>adapt</c> does. Given as constants, they are no state (Keras creates no weights then) and cannot be adapted.
/// </summary>
public sealed class Normalization : nn.Module<Tensor, Tensor>
{
    /// <summary>Keras's <c>backend.epsilon()</c>, the smallest standard deviation divided by.</summary>
    public const double Epsilon = 1e-7;

    // The field names are the state-dict keys; TorchSharp registers them and skips the null ones (constant statistics).
    /// <summary>The adapted mean (float32, the kept axes' shape), or null for constant statistics.</summary>
    public Tensor? mean;

    /// <summary>The adapted variance (float32, the kept axes' shape), or null for constant statistics.</summary>
    public Tensor? variance;

    /// <summary>Keras's <c>count</c> weight (an int64 scalar, counted in Keras's summary); Keras 3's <c>adapt</c> leaves it 0.</summary>
    public Tensor? count;

    private readonly long[] _inputShape;
    private readonly long[] _kept;
    private readonly long[] _statisticsShape;
    private readonly long[] _broadcastShape;

    // Constant statistics, and their copies on the device last used; not a Tensor field, so not a buffer.
    private readonly Constants? _constants;

    /// <param name="inputShape">The input's shape per sample, without the batch, channels first.</param>
    /// <param name="keptAxes">The per-sample axes (0-based, in <paramref name="inputShape"/>'s order) with their own statistics; empty for one mean and variance.</param>
    /// <param name="invert">Keras's <c>invert</c>: undo the normalisation instead.</param>
    /// <param name="constantMean">A constant mean (one value, or one per kept position), or null to adapt.</param>
    /// <param name="constantVariance">A constant variance, as <paramref name="constantMean"/>.</param>
    public Normalization(long[] inputShape, long[] keptAxes, bool invert, double[]? constantMean = null, double[]? constantVariance = null)
        : base(nameof(Normalization))
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(keptAxes);
        if (inputShape.Any(d => d < 1))
            throw new ArgumentOutOfRangeException(nameof(inputShape), "Every dimension must be at least 1.");
        if (keptAxes.Any(a => a < 0 || a >= inputShape.Length) || keptAxes.Distinct().Count() != keptAxes.Length)
            throw new ArgumentOutOfRangeException(nameof(keptAxes), "The kept axes must be distinct per-sample axes of the input.");
        if ((constantMean is null) != (constantVariance is null))
            throw new ArgumentException("A constant mean and a constant variance are given together, or neither.", nameof(constantMean));
        Invert = invert;
        _inputShape = (long[])inputShape.Clone();
        _kept = keptAxes.Order().ToArray();
        _statisticsShape = _kept.Select(a => _inputShape[a]).ToArray();
        _broadcastShape = new long[] { 1 }.Concat(_inputShape.Select((d, a) => _kept.Contains(a) ? d : 1)).ToArray();
        long positions = _statisticsShape.Aggregate(1L, (product, d) => product * d);
        if (constantMean is not null)
        {
            _constants = new Constants(Expand(constantMean, positions, nameof(constantMean)), Expand(constantVariance!, positions, nameof(constantVariance)));
            return;
        }
        mean = zeros(_statisticsShape);
        variance = ones(_statisticsShape);
        count = zeros(Array.Empty<long>(), ScalarType.Int64);
        RegisterComponents();
    }

    /// <summary>Whether the layer undoes the normalisation (Keras <c>invert</c>).</summary>
    public bool Invert { get; }

    /// <summary>Whether the statistics are state that <see cref="Adapt(Tensor)"/> sets (false when they were given as constants).</summary>
    public bool IsAdaptable => _constants is null;

    /// <summary>The per-sample axes with their own statistics (0-based, channels first).</summary>
    public IReadOnlyList<long> KeptAxes => _kept;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Keras converts its input to the compute dtype: integers become float32.
        using var values = input.is_floating_point() ? input.alias() : input.to_type(ScalarType.Float32);
        var (m, v) = Statistics(values);
        using var meanView = m.reshape(_broadcastShape);
        using var average = meanView.to_type(values.dtype);
        using var varianceView = v.reshape(_broadcastShape);
        using var typedVariance = varianceView.to_type(values.dtype);
        using var deviation = typedVariance.sqrt();
        using var spread = deviation.clamp_min(Epsilon);
        if (Invert)
        {
            using var scaled = values.mul(spread);
            return scaled.add(average);
        }
        using var centred = values.sub(average);
        return centred.div(spread);
    }

    /// <summary>
    /// Keras's <c>adapt</c> on one tensor of data, shaped as the layer's input with a batch axis first (the values the layer
    /// would see, after any layer before it): the mean and the population variance (divided by the count, not count − 1)
    /// over the batch and every axis that is not kept. The other axes may have other sizes than the model's input, as
    /// in Keras. Computed in float64, stored in float32.
    /// </summary>
    public void Adapt(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Adapt(new[] { data });
    }

    /// <summary>
    /// Keras's <c>adapt</c> over batches (a dataset), accumulated as Keras accumulates them: each batch's mean and population
    /// variance are merged into the totals weighted by its count of reduced values (the lack-of-fit sum of squares), so the
    /// result equals the statistics of all the data at once.
    /// </summary>
    public void Adapt(IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (_constants is not null)
            throw new InvalidOperationException("This Normalization layer was given its mean and variance as constants, so it has no statistics to adapt (as in Keras).");
        using var scope = NewDisposeScope();
        Tensor? totalMean = null, totalVariance = null;
        long totalCount = 0;
        foreach (var batch in batches)
        {
            ArgumentNullException.ThrowIfNull(batch, nameof(batches));
            CheckData(batch);
            var x = batch.to_type(ScalarType.Float64);
            long[] reduce = Enumerable.Range(0, (int)x.dim()).Select(a => (long)a).Where(a => a == 0 || !_kept.Contains(a - 1)).ToArray();
            var batchMean = x.mean(reduce, keepdim: true);
            var batchVariance = x.sub(batchMean).square().mean(reduce, keepdim: true).reshape(_statisticsShape);
            batchMean = batchMean.reshape(_statisticsShape);
            long batchCount = reduce.Aggregate(1L, (product, a) => product * x.shape[a]);
            if (batchCount == 0)
                continue;
            totalCount += batchCount;
            double batchWeight = (double)batchCount / totalCount, existingWeight = 1 - batchWeight;
            if (totalMean is null || totalVariance is null)
            {
                (totalMean, totalVariance) = (batchMean, batchVariance);
                continue;
            }
            var newMean = totalMean.mul(existingWeight).add(batchMean.mul(batchWeight));
            totalVariance = totalVariance.add(totalMean.sub(newMean).square()).mul(existingWeight)
                .add(batchVariance.add(batchMean.sub(newMean).square()).mul(batchWeight));
            totalMean = newMean;
        }
        if (totalMean is null || totalVariance is null)
            throw new ArgumentException("Adapt received no values (no batches, or only empty ones).", nameof(batches));
        using var _ = no_grad();
        mean!.copy_(totalMean);
        variance!.copy_(totalVariance);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _constants?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The mean and variance in the kept axes' shape, on the input's device.</summary>
    private (Tensor Mean, Tensor Variance) Statistics(Tensor input)
    {
        if (_constants is null)
            return (mean!, variance!);
        return _constants.On(input.device, _statisticsShape);
    }

    /// <summary>Data for <see cref="Adapt(Tensor)"/>: the input's rank with a batch axis, and the model's sizes on the kept axes (as Keras checks).</summary>
    private void CheckData(Tensor data)
    {
        string expected = "(N, " + string.Join(", ", _inputShape) + ")";
        if (data.dim() != _inputShape.Length + 1)
            throw new ArgumentException($"Adapt takes data shaped {expected}, with the batch first; this has shape ({string.Join(", ", data.shape)}).", nameof(data));
        foreach (long axis in _kept)
        {
            if (data.shape[axis + 1] != _inputShape[axis])
                throw new ArgumentException($"Adapt takes data shaped {expected} on the kept axes; this has shape ({string.Join(", ", data.shape)}).", nameof(data));
        }
    }

    /// <summary>The values as float32 (Keras casts them to its compute dtype), one per position.</summary>
    private static float[] Expand(double[] values, long positions, string name)
    {
        if (values.Length == positions)
            return values.Select(v => (float)v).ToArray();
        if (values.Length == 1)
            return Enumerable.Repeat((float)values[0], (int)positions).ToArray();
        throw new ArgumentException($"{values.Length} values given, but the kept axes hold {positions} positions: give one value or one per position.", name);
    }

    /// <summary>Constant statistics, kept as arrays; each device gets its own copy, made once.</summary>
    private sealed class Constants : IDisposable
    {
        private readonly float[] _mean;
        private readonly float[] _variance;
        private (Device Device, Tensor Mean, Tensor Variance)? _copy;

        public Constants(float[] mean, float[] variance) => (_mean, _variance) = (mean, variance);

        public (Tensor Mean, Tensor Variance) On(Device device, long[] shape)
        {
            if (_copy is { } copy)
            {
                if (copy.Device.type == device.type && copy.Device.index == device.index)
                    return (copy.Mean, copy.Variance);
                Dispose();
            }
            var m = tensor(_mean, device: device).reshape(shape).DetachFromDisposeScope();
            var v = tensor(_variance, device: device).reshape(shape).DetachFromDisposeScope();
            _copy = (device, m, v);
            return (m, v);
        }

        public void Dispose()
        {
            if (_copy is { } copy)
            {
                copy.Mean.Dispose();
                copy.Variance.Dispose();
            }
            _copy = null;
        }
    }
}
