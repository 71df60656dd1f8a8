using System;
using System.Collections.Generic;
using System.Linq;

namespace Dsl.Reporting;

/// <summary>
/// A trained model's architecture as stored in a <see cref="RunRecord"/>: shapes, counts, layers and the Keras-style
/// summary, copied from the generator's <see cref="ModelInfo"/>. Equal when every field is equal, lists compared
/// element by element.
/// </summary>
public sealed record ArchitectureRecord
{
    /// <summary>Per-sample input shape, C,H,W or features.</summary>
    public IReadOnlyList<int> InputShape { get; init; } = Array.Empty<int>();

    /// <summary>Per-sample output shape.</summary>
    public IReadOnlyList<int> OutputShape { get; init; } = Array.Empty<int>();

    /// <summary>Keras's "Total params".</summary>
    public long ParameterCount { get; init; }

    /// <summary>Keras's "Trainable params".</summary>
    public long TrainableParameterCount { get; init; }

    /// <summary>Multiply-accumulate operations for one sample's forward pass.</summary>
    public long MultAdds { get; init; }

    /// <summary>One entry per layer, in order; a block use's layers are its <see cref="LayerRecord.Children"/>.</summary>
    public IReadOnlyList<LayerRecord> Layers { get; init; } = Array.Empty<LayerRecord>();

    /// <summary>Every layer, depth first: block uses and, after each, the layers inside it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<LayerRecord> AllLayers => Layers.SelectMany(l => l.Flatten());

    /// <summary>The Keras-style summary table.</summary>
    public string Summary { get; init; } = "";

    /// <summary>
    /// A Mermaid diagram of the architecture (the text inside a <c>```mermaid</c> block), from the model's compile-time
    /// metadata (<see cref="ModelInfo.Diagram"/>); <see langword="null"/> in records written before diagrams existed.
    /// The markdown report shows it under the model.
    /// </summary>
    public string? Diagram { get; init; }

    /// <summary>Copies everything the generator worked out about <paramref name="model"/>.</summary>
    public static ArchitectureRecord From(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ArchitectureRecord
        {
            InputShape = model.InputShape.ToArray(),
            OutputShape = model.OutputShape.ToArray(),
            ParameterCount = model.ParameterCount,
            TrainableParameterCount = model.TrainableParameterCount,
            MultAdds = model.MultAdds,
            Layers = model.Layers.Select(LayerRecord.From).ToArray(),
            Summary = model.Summary,
            Diagram = string.IsNullOrEmpty(model.Diagram) ? null : model.Diagram,
        };
    }

    /// <inheritdoc />
    public bool Equals(ArchitectureRecord? other) =>
        other is not null
        && InputShape.SequenceEqual(other.InputShape) && OutputShape.SequenceEqual(other.OutputShape)
        && ParameterCount == other.ParameterCount && TrainableParameterCount == other.TrainableParameterCount
        && MultAdds == other.MultAdds && Layers.SequenceEqual(other.Layers) && Summary == other.Summary && Diagram == other.Diagram;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ParameterCount, MultAdds, Layers.Count, Summary);
}
