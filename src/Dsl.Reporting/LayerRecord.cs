using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Reporting;

/// <summary>
/// One layer of a trained model as stored in a <see cref="RunRecord"/>: a JSON-friendly copy of <see cref="LayerInfo"/>
/// with enums as their names, so a record stays readable without the assembly that defined the model.
/// Equal when every field is equal, lists compared element by element.
/// </summary>
public sealed record LayerRecord
{
    /// <summary>Keras-style unique name, e.g. <c>conv2d_1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The <see cref="LayerKind"/> name, e.g. <c>Conv2D</c>, <c>MaxPool2D</c>, <c>Dropout</c>, <c>Dense</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Keras's class name as the summary shows it, e.g. <c>MaxPooling2D</c>.</summary>
    public string TypeName { get; init; } = "";

    /// <summary>Per-sample output shape, C,H,W or features.</summary>
    public IReadOnlyList<int> OutputShape { get; init; } = Array.Empty<int>();

    /// <summary>Keras's "Param #": trainable plus non-trainable values.</summary>
    public long ParameterCount { get; init; }

    /// <summary>Values the optimizer updates.</summary>
    public long TrainableParameterCount { get; init; }

    /// <summary>Multiply-accumulate operations per sample.</summary>
    public long MultAdds { get; init; }

    /// <summary>Output channels of a convolution, or units of a dense layer; 0 for other kinds.</summary>
    public int Size { get; init; }

    /// <summary>Kernel or pool window: height, width (one value for sequences); empty for kinds without one.</summary>
    public IReadOnlyList<int> Window { get; init; } = Array.Empty<int>();

    /// <summary>Stride as height, width; empty for kinds without one.</summary>
    public IReadOnlyList<int> Stride { get; init; } = Array.Empty<int>();

    /// <summary>The <see cref="Dsl.Padding"/> name (<c>Valid</c>, <c>Same</c>) for layers with a window (convolution, pooling); empty for other kinds.</summary>
    public string Padding { get; init; } = "";

    /// <summary>The <see cref="Dsl.Activation"/> name applied after the layer (<c>None</c> if none).</summary>
    public string Activation { get; init; } = nameof(Dsl.Activation.None);

    /// <summary>A dropout layer's rate; 0 for other kinds.</summary>
    public double Rate { get; init; }

    /// <summary>Whether a convolution or dense layer has a bias.</summary>
    public bool UseBias { get; init; }

    /// <summary>The layers whose outputs this layer takes, in a graph model; empty in a sequential one.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = Array.Empty<string>();

    /// <summary>A block use's layers (<see cref="LayerInfo.Children"/>); empty for other layers and in older records.</summary>
    public IReadOnlyList<LayerRecord> Children { get; init; } = Array.Empty<LayerRecord>();

    /// <summary>For another call of an earlier layer (a shared layer), the layer it calls; null otherwise.</summary>
    public string? Shares { get; init; }

    /// <summary>This layer and, depth first, every layer inside it.</summary>
    public IEnumerable<LayerRecord> Flatten() => new[] { this }.Concat(Children.SelectMany(c => c.Flatten()));

    /// <summary>Copies a generated model's compile-time layer facts.</summary>
    public static LayerRecord From(LayerInfo layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return new LayerRecord
        {
            Name = layer.Name,
            Kind = layer.Kind.ToString(),
            TypeName = layer.TypeName,
            OutputShape = layer.OutputShape.ToArray(),
            ParameterCount = layer.ParameterCount,
            TrainableParameterCount = layer.TrainableParameterCount,
            MultAdds = layer.MultAdds,
            Size = layer.Size,
            Window = layer.Window.ToArray(),
            Stride = layer.Stride.ToArray(),
            // LayerInfo.Padding defaults to Valid for every kind; only say it where it means something.
            Padding = layer.Window.Count > 0 ? layer.Padding.ToString() : "",
            Activation = layer.Activation.ToString(),
            Rate = layer.Rate,
            UseBias = layer.UseBias,
            Inputs = layer.Inputs.ToArray(),
            Children = layer.Children.Select(From).ToArray(),
            Shares = layer.Shares,
        };
    }

    /// <summary>Whether <see cref="Kind"/> is <paramref name="kind"/>.</summary>
    public bool Is(LayerKind kind) => string.Equals(Kind, kind.ToString(), StringComparison.Ordinal);

    /// <inheritdoc />
    public bool Equals(LayerRecord? other) =>
        other is not null
        && Name == other.Name && Kind == other.Kind && TypeName == other.TypeName
        && OutputShape.SequenceEqual(other.OutputShape)
        && ParameterCount == other.ParameterCount && TrainableParameterCount == other.TrainableParameterCount
        && MultAdds == other.MultAdds && Size == other.Size
        && Window.SequenceEqual(other.Window) && Stride.SequenceEqual(other.Stride)
        && Padding == other.Padding && Activation == other.Activation
        && Rate.Equals(other.Rate) && UseBias == other.UseBias
        && Inputs.SequenceEqual(other.Inputs)
        && Children.SequenceEqual(other.Children) && Shares == other.Shares;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Kind, ParameterCount, Size);
}
