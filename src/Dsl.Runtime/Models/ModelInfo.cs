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
    private readonly Func<nn.Module> _factory;

    /// <summary>Called by generated code.</summary>
    public ModelInfo(
        string name,
        string fullName,
        string source,
        IReadOnlyList<InputInfo> inputs,
        IReadOnlyList<OutputInfo> outputs,
        IReadOnlyList<LayerInfo> layers,
        string summary,
        string expandedSummary,
        string diagram,
        Func<nn.Module> factory)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputs.Count == 0 || outputs.Count == 0)
            throw new ArgumentException("A model has at least one input and one output.", inputs.Count == 0 ? nameof(inputs) : nameof(outputs));
        Name = name;
        FullName = fullName;
        Source = source;
        Inputs = inputs;
        Outputs = outputs;
        Layers = layers;
        Summary = summary;
        ExpandedSummary = expandedSummary;
        Diagram = diagram;
        _factory = factory;
    }

    /// <summary>The class name, e.g. <c>Model1</c>.</summary>
    public string Name { get; }

    /// <summary>The namespace-qualified class name.</summary>
    public string FullName { get; }

    /// <summary>Where the architecture was declared: <c>attributes</c> or the YAML file's name.</summary>
    public string Source { get; }

    /// <summary>The model's inputs, in the order its <c>forward</c> takes them (one, named <c>input</c>, unless it declares several).</summary>
    public IReadOnlyList<InputInfo> Inputs { get; }

    /// <summary>The model's outputs, in the order it returns them (one, its last layer's, unless it declares several).</summary>
    public IReadOnlyList<OutputInfo> Outputs { get; }

    /// <summary>Per-sample shape of the first input (the only one, for most models), C,H,W or features.</summary>
    public IReadOnlyList<int> InputShape => Inputs[0].Shape;

    /// <summary>Per-sample shape of the first output (the only one, for most models).</summary>
    public IReadOnlyList<int> OutputShape => Outputs[0].Shape;

    /// <summary>One entry per layer, in order.</summary>
    public IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The Keras-style summary table; a block use is one row.</summary>
    public string Summary { get; }

    /// <summary>The summary with every block use's layers listed under it, indented (Keras's <c>expand_nested=True</c>).</summary>
    public string ExpandedSummary { get; }

    /// <summary>
    /// The architecture as a Mermaid flowchart (the text of a <c>```mermaid</c> block): a box per layer and an arrow per
    /// input, a block use as a subgraph, computed at compile time.
    /// </summary>
    public string Diagram { get; }

    /// <summary>Keras's "Total params".</summary>
    public long ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>Keras's "Trainable params".</summary>
    public long TrainableParameterCount => Layers.Sum(l => l.TrainableParameterCount);

    /// <summary>Keras's "Non-trainable params".</summary>
    public long NonTrainableParameterCount => ParameterCount - TrainableParameterCount;

    /// <summary>Multiply-accumulate operations for one sample's forward pass.</summary>
    public long MultAdds => Layers.Sum(l => l.MultAdds);

    /// <summary>The activation of the first output's layer, which decides how a classification loss reads it.</summary>
    public Activation OutputActivation => Outputs[0].Activation;

    /// <summary>Whether every layer takes the previous layer's output: a plain stack, with no branches or merges.</summary>
    public bool IsSequential => Layers.All(l => l.Inputs.Count == 0);

    /// <summary>The summary as Keras's text, Markdown, CSV or JSON (<see cref="ModelSummary"/>), with every block opened when <paramref name="expand"/>.</summary>
    public string FormatSummary(SummaryFormat format, bool expand = false) => ModelSummary.Render(this, format, expand);

    /// <summary>Every layer, depth first: block uses and, after each, the layers inside it.</summary>
    public IEnumerable<LayerInfo> AllLayers => Layers.SelectMany(l => l.Flatten());

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
        return new[] { index == 0 ? Inputs[0].Name : Layers[index - 1].Name };
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

    /// <summary>A new instance of the model with freshly initialised weights; it implements <see cref="IGeneratedModel"/>.</summary>
    public nn.Module Create() => _factory();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({ParameterCount:N0} parameters)";
}
