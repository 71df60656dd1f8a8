using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dsl.Onnx.Proto;
using Dsl.Training;
using Google.Protobuf;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Onnx;

/// <summary>
/// Builds an ONNX inference graph (opset <see cref="OpsetVersion"/>) one standard operator at a time, with a module's
/// current weights as initializers, and writes it with Google.Protobuf. It knows operators, values and tensors, not
/// layers: every generated model's <c>ExportOnnx</c> is straight-line code in which each layer kind's description
/// adds its own nodes. Values are named by strings; each call returns the name of the value it produced.
/// </summary>
/// <remarks>
/// The graph has an input per model input (one, <see cref="InputName"/>, for most models), shaped (batch, …per-sample
/// shape) with a symbolic batch dimension <see cref="BatchDimension"/> and the input's element type, and one output,
/// <see cref="OutputName"/> (or one per model output, by name). Weights are stored as float32, under their state-dict
/// keys (<c>conv2d_1.weight</c>), so the file reads like the model's <c>state_dict</c>; a block use adds its nodes through
/// a <see cref="Within"/> view, which reads its weights under the use's prefix (<c>conv2_block1.conv2d_1.weight</c>).
/// Nothing is written until the graph is complete: a failure while building leaves no file behind.
/// </remarks>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX operator set the graph imports (the default domain).</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version of opset 17 (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>The symbolic name of the first (batch) dimension of the input and the output.</summary>
    public const string BatchDimension = "batch";

    private readonly Shared _shared;
    private readonly string _weightPrefix;
    private readonly string _nodePrefix;
    private string _layer = string.Empty;

    /// <summary>Starts a graph with one float input, <see cref="InputName"/>, whose weights come from <paramref name="model"/>'s <c>state_dict</c>.</summary>
    /// <param name="model">The module whose parameters and buffers <see cref="Weight"/> reads, by state-dict key.</param>
    /// <param name="name">The graph's name (the model class).</param>
    /// <param name="inputShape">The per-sample input shape; the batch dimension is added in front, symbolic.</param>
    public OnnxGraphBuilder(nn.Module model, string name, IReadOnlyList<int> inputShape)
        : this(model, name, new[] { new InputInfo(InputName, inputShape ?? throw new ArgumentNullException(nameof(inputShape)), DType.Float32) })
    {
    }

    /// <summary>Starts a graph with an input per model input, named and typed like them, whose weights come from <paramref name="model"/>.</summary>
    /// <param name="model">The module whose parameters and buffers <see cref="Weight"/> reads, by state-dict key.</param>
    /// <param name="name">The graph's name (the model class).</param>
    /// <param name="inputs">The model's inputs; each gets the batch dimension in front, symbolic.</param>
    public OnnxGraphBuilder(nn.Module model, string name, IReadOnlyList<InputInfo> inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException("A graph has at least one input.", nameof(inputs));
        var graph = new GraphProto { Name = name };
        var modelProto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Dsl.Runtime",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString(3) ?? "0",
            Graph = graph,
        };
        modelProto.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        _shared = new Shared(model.state_dict(), modelProto, graph);
        foreach (var input in inputs)
        {
            if (!_shared.Names.Add(input.Name))
                throw new ArgumentException($"Two inputs are named '{input.Name}'.", nameof(inputs));
            graph.Input.Add(TensorValue(input.Name, input.Shape, ElementType(input.DType)));
            _shared.Values.Add(input.Name);
        }
        if (inputs.Count == 1)
            _shared.Names.Add(OutputName);
        Inputs = inputs.Select(i => i.Name).ToArray();
        _weightPrefix = string.Empty;
        _nodePrefix = string.Empty;
    }

    private OnnxGraphBuilder(OnnxGraphBuilder outer, string weightPrefix, string nodePrefix)
    {
        _shared = outer._shared;
        Inputs = outer.Inputs;
        _weightPrefix = weightPrefix;
        _nodePrefix = nodePrefix;
    }

    /// <summary>The name of the graph's (first) input value.</summary>
    public string Input => Inputs[0];

    /// <summary>The names of the graph's input values, in the model's order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>
    /// A view of this graph for the nodes of a nested module (a block use): its weights are read under
    /// <paramref name="module"/>'s state-dict prefix (<c>conv2_block1.</c>), its nodes named under <paramref name="node"/>
    /// (<c>conv2_block1/conv2d_1/Conv</c>). A block applied again reads the same weights under new node names.
    /// </summary>
    public OnnxGraphBuilder Within(string module, string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(module);
        ArgumentException.ThrowIfNullOrEmpty(node);
        return new OnnxGraphBuilder(this, _weightPrefix + module + ".", Scoped(node) + "/");
    }

    /// <summary>
    /// Names the nodes added next after <paramref name="name"/> (<c>conv2d_1/Conv</c>, <c>conv2d_1/Relu</c>), so that
    /// a viewer such as Netron shows which layer each node belongs to.
    /// </summary>
    public void Layer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _layer = name.Length == 0 ? string.Empty : Scoped(name);
    }

    private string Scoped(string name) => _nodePrefix + name;

    /// <summary>Adds a node with one input; returns its output's name.</summary>
    /// <param name="op">A standard ONNX operator (<c>Relu</c>, <c>Conv</c>…).</param>
    /// <param name="input">A value of this graph.</param>
    /// <param name="attributes">The operator's attributes.</param>
    public string Node(string op, string input, params OnnxAttribute[] attributes) => Node(op, new[] { input }, attributes);

    /// <summary>Adds a node; returns its output's name.</summary>
    /// <param name="op">A standard ONNX operator (<c>Conv</c>, <c>Gemm</c>, <c>Resize</c>…).</param>
    /// <param name="inputs">Values of this graph, in the operator's order; an empty string leaves out an optional input.</param>
    /// <param name="attributes">The operator's attributes.</param>
    /// <exception cref="ArgumentException">An input is not a value of this graph.</exception>
    /// <exception cref="InvalidOperationException">The graph is already complete.</exception>
    public string Node(string op, string[] inputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(op);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(attributes);
        EnsureOpen();
        foreach (var input in inputs)
        {
            if (input is null || (input.Length > 0 && !_shared.Values.Contains(input)))
                throw new ArgumentException($"The {op} node{Where()} takes '{input}', which is not a value of this graph (its input, a node output, a weight or a constant).", nameof(inputs));
        }
        string output = Unique(_layer.Length > 0 ? _layer + "/" + op : _nodePrefix + op);
        var node = new NodeProto { Name = output, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(OnnxAttribute.ToProtos(attributes));
        _shared.Graph.Node.Add(node);
        _shared.Values.Add(output);
        return output;
    }

    /// <summary>
    /// Adds a node with several outputs (a recurrent operator's Y, Y_h and Y_c); returns their names, in the operator's
    /// order. The node's name is its first output's.
    /// </summary>
    /// <param name="op">A standard ONNX operator.</param>
    /// <param name="inputs">Values of this graph, in the operator's order; an empty string leaves out an optional input.</param>
    /// <param name="outputs">How many of the operator's outputs to name, from the first.</param>
    /// <param name="attributes">The operator's attributes.</param>
    public string[] Nodes(string op, string[] inputs, int outputs, params OnnxAttribute[] attributes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        string first = Node(op, inputs, attributes);
        var node = _shared.Graph.Node[^1];
        var names = new string[outputs];
        names[0] = first;
        for (int i = 1; i < outputs; i++)
        {
            names[i] = Unique(first + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            node.Output.Add(names[i]);
            _shared.Values.Add(names[i]);
        }
        return names;
    }

    /// <summary>
    /// The model's parameter or buffer with this state-dict key (<c>conv2d_1.weight</c>,
    /// <c>batch_normalization_1.running_mean</c>) as a float32 initializer of the same name; added once.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no such parameter or buffer.</exception>
    public string Weight(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        EnsureOpen();
        key = _weightPrefix + key;
        if (_shared.Weights.Contains(key))
            return key;
        if (!_shared.State.TryGetValue(key, out var tensor) || tensor is null)
        {
            throw new ArgumentException(
                $"The model has no parameter or buffer '{key}'{Where()}; its state_dict has {string.Join(", ", _shared.State.Keys.Select(k => "'" + k + "'"))}.", nameof(key));
        }
        if (!_shared.Names.Add(key))
            throw new InvalidOperationException($"The weight '{key}' has the name of another value of this graph.");
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var values = tensor.detach().to(CPU).to_type(ScalarType.Float32).contiguous();
            _shared.Graph.Initializer.Add(FloatTensor(key, values.shape, values.data<float>().ToArray()));
        }
        _shared.Weights.Add(key);
        _shared.Values.Add(key);
        return key;
    }

    /// <summary>
    /// The weight and bias of the convolution with state-dict prefix <paramref name="convolution"/>, with the batch
    /// normalization <paramref name="normalization"/> after it folded in (<see cref="Support.BatchNormFolding"/>), as two
    /// float32 initializers named <c>{convolution}.weight.folded</c> and <c>.bias.folded</c>: one Conv computes both layers.
    /// A missing bias is 0, a missing gamma 1, a missing beta 0.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no such convolution weight or moving statistics.</exception>
    public (string Weight, string Bias) FoldBatchNorm(string convolution, string normalization, double epsilon)
    {
        ArgumentException.ThrowIfNullOrEmpty(convolution);
        ArgumentException.ThrowIfNullOrEmpty(normalization);
        EnsureOpen();
        Tensor? Optional(string key) => _shared.State.TryGetValue(_weightPrefix + key, out var tensor) ? tensor : null;
        Tensor Required(string key) => Optional(key)
            ?? throw new ArgumentException($"The model has no parameter or buffer '{_weightPrefix + key}'{Where()} to fold.", nameof(convolution));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (weight, bias) = Support.BatchNormFolding.Fold(Required(convolution + ".weight"), Optional(convolution + ".bias"),
            Optional(normalization + ".weight"), Optional(normalization + ".bias"), Required(normalization + ".running_mean"), Required(normalization + ".running_var"), epsilon);
        return (Computed(convolution + ".weight.folded", weight), Computed(convolution + ".bias.folded", bias));
    }

    /// <summary>
    /// The weight and bias of the convolution or dense layer with state-dict prefix <paramref name="layer"/>, with the
    /// rescaling before it folded in (<see cref="Support.RescalingFolding"/>), as two float32 initializers named
    /// <c>{layer}.weight.rescaled</c> and <c>.bias.rescaled</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no such weight.</exception>
    public (string Weight, string Bias) FoldRescaling(string layer, float[] scale, double offset)
    {
        ArgumentException.ThrowIfNullOrEmpty(layer);
        ArgumentNullException.ThrowIfNull(scale);
        EnsureOpen();
        if (!_shared.State.TryGetValue(_weightPrefix + layer + ".weight", out var kernel))
            throw new ArgumentException($"The model has no parameter '{_weightPrefix + layer}.weight'{Where()} to fold.", nameof(layer));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (weight, bias) = Support.RescalingFolding.Fold(kernel, _shared.State.TryGetValue(_weightPrefix + layer + ".bias", out var own) ? own : null, scale, offset);
        return (Computed(layer + ".weight.rescaled", weight), Computed(layer + ".bias.rescaled", bias));
    }

    /// <summary>A float32 initializer named <paramref name="key"/> (under this view's prefix) holding <paramref name="value"/>'s values.</summary>
    private string Computed(string key, Tensor value)
    {
        key = _weightPrefix + key;
        if (!_shared.Names.Add(key))
            throw new InvalidOperationException($"The initializer '{key}' has the name of another value of this graph.");
        var values = value.detach().to(CPU).to_type(ScalarType.Float32).contiguous();
        _shared.Graph.Initializer.Add(FloatTensor(key, values.shape, values.data<float>().ToArray()));
        _shared.Values.Add(key);
        return key;
    }

    /// <summary>A float32 scalar constant (a rank-0 initializer); equal constants share one initializer.</summary>
    public string Scalar(float value) => Constant(Array.Empty<long>(), new[] { value });

    /// <summary>A one-dimensional float32 constant, e.g. the scales of a <c>Resize</c>.</summary>
    public string Floats(params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Constant(new long[] { values.Length }, values);
    }

    /// <summary>
    /// A one-dimensional float32 constant of <paramref name="length"/> equal values, e.g. the scale of 1 of a
    /// <c>BatchNormalization</c> without a learned one; equal constants share one initializer.
    /// </summary>
    public string Filled(long length, double value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var values = new float[length];
        Array.Fill(values, (float)value);
        return Constant(new[] { length }, values);
    }

    /// <summary>A one-dimensional int64 constant, e.g. the pads of a <c>Pad</c> or the shape of a <c>Reshape</c>.</summary>
    public string Longs(params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        EnsureOpen();
        string key = "i64[" + string.Join(",", values) + "]";
        if (_shared.Constants.TryGetValue(key, out var existing))
            return existing;
        var tensor = new TensorProto { Name = Unique("const"), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        var bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return AddConstant(key, tensor);
    }

    /// <summary>A free-form key and value stored in the file's <c>metadata_props</c>.</summary>
    public void Metadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_shared.Model.MetadataProps.Any(p => p.Key == key))
            throw new ArgumentException($"The metadata key '{key}' is already set.", nameof(key));
        _shared.Model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    /// <summary>Human-readable documentation of the model (Markdown), e.g. its summary table.</summary>
    public void Describe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _shared.Model.DocString = text;
    }

    /// <summary>
    /// Makes <paramref name="value"/> the graph's output, <see cref="OutputName"/>, shaped (batch, …<paramref name="shape"/>),
    /// and completes the graph.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a value of this graph.</exception>
    public void Output(string value, IReadOnlyList<int> shape) => Output(value, OutputName, shape);

    /// <summary>
    /// Makes <paramref name="value"/> an output of the graph named <paramref name="name"/>, shaped (batch, …<paramref name="shape"/>).
    /// Once a graph has an output it takes no more nodes; a model with several outputs adds each in turn.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a value of this graph, or the name is taken.</exception>
    public void Output(string value, string name, IReadOnlyList<int> shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        var graph = _shared.Graph;
        if (!_shared.Values.Contains(value))
            throw new ArgumentException($"The output '{value}' is not a value of this graph.", nameof(value));
        if (graph.Output.Any(o => o.Name == name) || (name != OutputName || graph.Input.Count != 1) && !_shared.Names.Add(name))
            throw new ArgumentException($"The output name '{name}' is taken by another value of this graph.", nameof(name));
        var producer = graph.Node.FirstOrDefault(n => n.Output.Contains(value));
        if (producer is null || graph.Output.Any(o => o.Name == value))
        {
            // An input, a weight or another output (a model of dropouts only): the output gets a node of its own.
            graph.Node.Add(new NodeProto { Name = name, OpType = "Identity", Input = { value }, Output = { name } });
        }
        else
        {
            foreach (var node in graph.Node)
            {
                Rename(node.Input, value, name);
                Rename(node.Output, value, name);
            }
            _shared.Values.Remove(value);
        }
        graph.Output.Add(TensorValue(name, shape, (int)TensorProto.Types.DataType.Float));
        _shared.Values.Add(name);
        _shared.Complete = true;
    }

    /// <summary>The ONNX file's bytes.</summary>
    /// <exception cref="InvalidOperationException">No output was added (<c>Output</c>).</exception>
    public byte[] ToArray()
    {
        EnsureComplete();
        return _shared.Model.ToByteArray();
    }

    /// <summary>Writes the ONNX file to <paramref name="stream"/>, which stays open.</summary>
    /// <exception cref="InvalidOperationException">No output was added (<c>Output</c>).</exception>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureComplete();
        _shared.Model.WriteTo(stream);
        stream.Flush();
    }

    /// <summary>
    /// Writes a file with <paramref name="export"/> (a model's <c>ExportOnnx(Stream)</c>) so that <paramref name="path"/>
    /// holds either its old content or the complete new file: it is written to a temporary file beside it and renamed
    /// over it, and a failure deletes the temporary file.
    /// </summary>
    public static void Save(string path, Action<Stream> export)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(export);
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } directory && !Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{full}': the folder '{directory}' does not exist.");
        AtomicFile.Write(full, export, AtomicFile.CreateNew);
    }

    private string AddConstant(string key, TensorProto tensor)
    {
        _shared.Graph.Initializer.Add(tensor);
        _shared.Constants.Add(key, tensor.Name);
        _shared.Values.Add(tensor.Name);
        return tensor.Name;
    }

    private string Constant(long[] dims, float[] values)
    {
        EnsureOpen();
        string key = "f32[" + string.Join(",", dims) + "]" + string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v)));
        if (_shared.Constants.TryGetValue(key, out var existing))
            return existing;
        return AddConstant(key, FloatTensor(Unique("const"), dims, values));
    }

    private static TensorProto FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    /// <summary>The ONNX element type of a model input's <see cref="DType"/>.</summary>
    private static int ElementType(DType type) => (int)(type switch
    {
        DType.Int64 => TensorProto.Types.DataType.Int64,
        DType.Int32 => TensorProto.Types.DataType.Int32,
        DType.UInt8 => TensorProto.Types.DataType.Uint8,
        _ => TensorProto.Types.DataType.Float,
    });

    private static ValueInfoProto TensorValue(string name, IReadOnlyList<int> shape, int elementType)
    {
        var dims = new TensorShapeProto();
        dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (int size in shape)
            dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = dims } },
        };
    }

    private static void Rename(Google.Protobuf.Collections.RepeatedField<string> names, string from, string to)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == from)
                names[i] = to;
        }
    }

    private string Unique(string name)
    {
        string candidate = name;
        for (int n = 2; !_shared.Names.Add(candidate); n++)
            candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }

    private string Where() => _layer.Length > 0 ? " of layer '" + _layer + "'" : string.Empty;

    private void EnsureOpen()
    {
        if (_shared.Complete)
            throw new InvalidOperationException("The graph is complete: Output was called.");
    }

    private void EnsureComplete()
    {
        if (!_shared.Complete)
            throw new InvalidOperationException("The graph has no output yet: call Output first.");
    }

    /// <summary>What the builder and its <see cref="Within"/> views share: the graph being built and its names.</summary>
    private sealed class Shared
    {
        public Shared(IReadOnlyDictionary<string, Tensor> state, ModelProto model, GraphProto graph)
        {
            State = state;
            Model = model;
            Graph = graph;
        }

        public IReadOnlyDictionary<string, Tensor> State { get; }

        public ModelProto Model { get; }

        public GraphProto Graph { get; }

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Values { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Weights { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Constants { get; } = new(StringComparer.Ordinal);

        public bool Complete { get; set; }
    }
}
