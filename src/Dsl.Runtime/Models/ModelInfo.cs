using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl;

/// <summary>
/// Everything the generator worked out about one model at compile time, plus a factory for new instances.
/// Every generated model exposes one as its static <c>Info</c>; <c>ModelCatalog.All</c> lists them.
/// </summary>
public sealed class ModelInfo
{
    private readonly Func<nn.Module<Tensor, Tensor>> _factory;

    /// <summary>Called by generated code.</summary>
    public ModelInfo(
        string name,
        string fullName,
        string source,
        IReadOnlyList<int> inputShape,
        IReadOnlyList<int> outputShape,
        IReadOnlyList<LayerInfo> layers,
        string summary,
        string diagram,
        Func<nn.Module<Tensor, Tensor>> factory)
        : this(name, fullName, source, inputShape, outputShape, layers, summary, factory) => Diagram = diagram;

    /// <summary>Called by code generated before models carried a diagram.</summary>
    public ModelInfo(
        string name,
        string fullName,
        string source,
        IReadOnlyList<int> inputShape,
        IReadOnlyList<int> outputShape,
        IReadOnlyList<LayerInfo> layers,
        string summary,
        Func<nn.Module<Tensor, Tensor>> factory)
    {
        Name = name;
        FullName = fullName;
        Source = source;
        InputShape = inputShape;
        OutputShape = outputShape;
        Layers = layers;
        Summary = summary;
        _factory = factory;
    }

    /// <summary>The class name, e.g. <c>Model1</c>.</summary>
    public string Name { get; }

    /// <summary>The namespace-qualified class name.</summary>
    public string FullName { get; }

    /// <summary>Where the architecture was declared: <c>attributes</c> or the YAML file's name.</summary>
    public string Source { get; }

    /// <summary>Per-sample input shape, C,H,W or features.</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>Per-sample output shape.</summary>
    public IReadOnlyList<int> OutputShape { get; }

    /// <summary>One entry per layer, in order.</summary>
    public IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The Keras-style summary table.</summary>
    public string Summary { get; }

    /// <summary>
    /// The architecture as a Mermaid flowchart (the text of a <c>```mermaid</c> block): a box per layer and an arrow per
    /// input, computed at compile time. Empty for code generated before diagrams existed.
    /// </summary>
    public string Diagram { get; } = string.Empty;

    /// <summary>Keras's "Total params".</summary>
    public long ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>Keras's "Trainable params".</summary>
    public long TrainableParameterCount => Layers.Sum(l => l.TrainableParameterCount);

    /// <summary>Keras's "Non-trainable params".</summary>
    public long NonTrainableParameterCount => ParameterCount - TrainableParameterCount;

    /// <summary>Multiply-accumulate operations for one sample's forward pass.</summary>
    public long MultAdds => Layers.Sum(l => l.MultAdds);

    /// <summary>The activation of the output layer (the last declared), which decides how a classification loss reads the output.</summary>
    public Activation OutputActivation => Layers.Count == 0 ? Activation.None : Layers[Layers.Count - 1].Activation;

    /// <summary>Whether every layer takes the previous layer's output: a plain stack, with no branches or merges.</summary>
    public bool IsSequential => Layers.All(l => l.Inputs.Count == 0);

    /// <summary>
    /// The names of the layers whose outputs <paramref name="layer"/> takes (<c>input</c> for the model's input), in a
    /// sequential model as in a graph.
    /// </summary>
    public IReadOnlyList<string> InputsOf(LayerInfo layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer.Inputs.Count > 0)
            return layer.Inputs;
        int index = IndexOf(layer);
        return new[] { index == 0 ? "input" : Layers[index - 1].Name };
    }

    /// <summary>Layers of one kind, in order.</summary>
    public IEnumerable<LayerInfo> LayersOf(LayerKind kind) => Layers.Where(l => l.Kind == kind);

    private int IndexOf(LayerInfo layer)
    {
        for (int i = 0; i < Layers.Count; i++)
        {
            if (ReferenceEquals(Layers[i], layer) || Layers[i].Name == layer.Name)
                return i;
        }
        throw new ArgumentException($"{layer.Name} is not a layer of {Name}.", nameof(layer));
    }

    /// <summary>A new instance of the model with freshly initialised weights.</summary>
    public nn.Module<Tensor, Tensor> Create() => _factory();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({ParameterCount:N0} parameters)";
}
