using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// What a checkpoint remembers of the data it was trained on, to refuse resuming it on other data: the number of
/// training samples and a position-weighted checksum of their labels (another subset, order or labelling changes it).
/// Cheap (one reduction on the device, one read), and exact: integer arithmetic, wrapping as int64 does.
/// </summary>
public sealed record DataFingerprint(
    [property: JsonPropertyName("samples")] long Samples,
    [property: JsonPropertyName("labelChecksum")] long LabelChecksum)
{
    /// <summary>
    /// The fingerprint of targets <paramref name="labels"/>: class indices (N) as they are, other targets (values,
    /// one-hot rows, images) flattened and read to six decimals.
    /// </summary>
    public static DataFingerprint Of(Tensor labels)
    {
        using var scope = NewDisposeScope();
        long count = labels.shape[0];
        var values = labels.is_floating_point() ? (labels.to_type(ScalarType.Float64) * 1e6).round() : labels;
        var flat = values.to_type(ScalarType.Int64).flatten();
        var weights = arange(1, flat.shape[0] + 1, dtype: ScalarType.Int64, device: labels.device);
        long checksum = (flat * weights).sum().item<long>();
        return new DataFingerprint(count, checksum);
    }
}
