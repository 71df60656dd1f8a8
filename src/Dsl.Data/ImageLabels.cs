using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Data;

/// <summary>Class indices encoded as Keras's <c>label_mode</c> asks, for a whole set or for one sample.</summary>
internal static class ImageLabels
{
    /// <summary>All labels: int64 (N), float32 one-hot (N, classes), or float32 (N, 1).</summary>
    public static Tensor Encode(int[] labels, int classes, ImageLabelMode mode)
    {
        using var scope = torch.NewDisposeScope();
        Tensor indices = torch.tensor(labels.Select(label => (long)label).ToArray(), [labels.Length]);
        return Encoded(indices, classes, mode).MoveToOuterDisposeScope();
    }

    /// <summary>One sample's label: an int64 scalar, float32 (classes), or float32 (1); a DataLoader stacks them to <see cref="Encode"/>'s shapes.</summary>
    public static Tensor EncodeOne(int label, int classes, ImageLabelMode mode)
    {
        using var scope = torch.NewDisposeScope();
        Tensor index = torch.tensor((long)label);
        return Encoded(index, classes, mode).MoveToOuterDisposeScope();
    }

    private static Tensor Encoded(Tensor indices, int classes, ImageLabelMode mode) => mode switch
    {
        ImageLabelMode.Int => indices,
        ImageLabelMode.Categorical => nn.functional.one_hot(indices, classes).to_type(ScalarType.Float32),
        ImageLabelMode.Binary => indices.to_type(ScalarType.Float32).unsqueeze(-1),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "LabelMode must be Int, Categorical or Binary."),
    };
}
