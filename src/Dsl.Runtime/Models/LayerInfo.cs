using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl;

/// <summary>
/// Compile-time facts about one layer of a generated model: what it is, how it is configured, and what it
/// produces per sample. Equal when every field is equal, shapes compared element by element.
/// </summary>
public sealed record LayerInfo
{
    /// <summary>Keras-style unique name, also the submodule's name in the state dict (<c>conv2d_1</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The layer kind.</summary>
    public required LayerKind Kind { get; init; }

    /// <summary>Keras's class name for the kind, as the summary shows it (<c>Conv2D</c>, <c>MaxPooling2D</c>).</summary>
    public required string TypeName { get; init; }

    /// <summary>Per-sample output shape in C,H,W order (no batch dimension).</summary>
    public required IReadOnlyList<int> OutputShape { get; init; }

    /// <summary>Keras's "Param #": trainable plus non-trainable values (normalisation layers' moving statistics).</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Values updated by the optimizer (TorchSharp's <c>parameters()</c>).</summary>
    public required long TrainableParameterCount { get; init; }

    /// <summary>Multiply-accumulate operations per sample (torchinfo's convention: bias adds included).</summary>
    public required long MultAdds { get; init; }

    /// <summary>Output channels of a convolution, or units of a dense layer; 0 for other kinds.</summary>
    public int Size { get; init; }

    /// <summary>Kernel or pool window: height, width (one value for sequences); empty for kinds without one.</summary>
    public IReadOnlyList<int> Window { get; init; } = Array.Empty<int>();

    /// <summary>Stride as height, width; empty for kinds without one.</summary>
    public IReadOnlyList<int> Stride { get; init; } = Array.Empty<int>();

    /// <summary>Padding mode of convolution and pooling layers.</summary>
    public Padding Padding { get; init; }

    /// <summary>Activation applied after the layer.</summary>
    public Activation Activation { get; init; }

    /// <summary>A dropout layer's rate; 0 for other kinds.</summary>
    public double Rate { get; init; }

    /// <summary>Whether a convolution or dense layer has a bias.</summary>
    public bool UseBias { get; init; }

    /// <summary>
    /// The layers whose outputs this layer takes, by name (<c>input</c> for the model's input), in a graph model.
    /// Empty in a sequential model, where every layer takes the previous layer's output (see
    /// <see cref="ModelInfo.InputsOf"/>).
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The layers inside a block use (<see cref="LayerKind.Block"/>), as this use instantiates the block: their shapes,
    /// counts and wiring, with their own names (the state-dict keys are <c>use.layer.weight</c>). Empty for other layers.
    /// </summary>
    public IReadOnlyList<LayerInfo> Children { get; init; } = Array.Empty<LayerInfo>();

    /// <summary>
    /// For a block use: the block's own names for its inputs (<c>input</c>, or those it declares), which its children's
    /// <see cref="Inputs"/> refer to; they are this use's <see cref="Inputs"/> (or the previous layer's output), in order.
    /// </summary>
    public IReadOnlyList<string> BlockInputs { get; init; } = Array.Empty<string>();

    /// <summary>
    /// For another call of an earlier layer or block use, with its weights (Keras's shared layer): the name of the layer it
    /// calls. Its own <see cref="ParameterCount"/> is 0; the weights are counted once, at that layer. Null otherwise.
    /// </summary>
    public string? Shares { get; init; }

    /// <summary>Every output's shape, for a block use with several outputs; empty otherwise (see <see cref="OutputShape"/>).</summary>
    public IReadOnlyList<IReadOnlyList<int>> OutputShapes { get; init; } = Array.Empty<IReadOnlyList<int>>();

    /// <summary>The outputs' names, for a block use with several: other layers take them as <c>use.name</c>. Empty otherwise.</summary>
    public IReadOnlyList<string> OutputNames { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Whether the layer's TorchSharp module computes a (steps, channels) sequence in libtorch's (N, C, L) order
    /// (Conv1D, the 1-D pools, BatchNorm on a sequence): a hook on the module sees that order, while the layer's input
    /// and output, as <see cref="OutputShape"/> gives them, are (N, steps, channels).
    /// </summary>
    public bool ModuleIsChannelsFirst { get; init; }

    /// <summary>This layer and, depth first, every layer inside it: a block use's children and theirs.</summary>
    public IEnumerable<LayerInfo> Flatten()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var layer in child.Flatten())
                yield return layer;
        }
    }

    /// <inheritdoc />
    public bool Equals(LayerInfo? other) =>
        other is not null
        && Name == other.Name && Kind == other.Kind && TypeName == other.TypeName
        && OutputShape.SequenceEqual(other.OutputShape)
        && ParameterCount == other.ParameterCount && TrainableParameterCount == other.TrainableParameterCount
        && MultAdds == other.MultAdds && Size == other.Size
        && Window.SequenceEqual(other.Window) && Stride.SequenceEqual(other.Stride)
        && Padding == other.Padding && Activation == other.Activation
        && Rate.Equals(other.Rate) && UseBias == other.UseBias
        && Inputs.SequenceEqual(other.Inputs)
        && Children.SequenceEqual(other.Children) && BlockInputs.SequenceEqual(other.BlockInputs) && Shares == other.Shares
        && OutputNames.SequenceEqual(other.OutputNames)
        && OutputShapes.Count == other.OutputShapes.Count && OutputShapes.Zip(other.OutputShapes).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Kind, ParameterCount, MultAdds);

    /// <summary>The shape as Keras prints it, with a leading batch placeholder: <c>(None, 64, 28, 28)</c>.</summary>
    public string FormatOutputShape() => ShapeText.Format(OutputShape);
}
