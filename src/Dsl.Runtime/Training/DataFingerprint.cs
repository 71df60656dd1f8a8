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
    /// <summary>The fingerprint of labels <paramref name="labels"/> (N).</summary>
    public static DataFingerprint Of(Tensor labels)
    {
        using var scope = NewDisposeScope();
        long count = labels.shape[0];
        var weights = arange(1, count + 1, dtype: ScalarType.Int64, device: labels.device);
        long checksum = (labels.to_type(ScalarType.Int64) * weights).sum().item<long>();
        return new DataFingerprint(count, checksum);
    }
}
