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
/// The graph has one input, <see cref="InputName"/>, shaped (batch, …per-sample shape) with a symbolic batch
/// dimension <see cref="BatchDimension"/>, and one output, <see cref="OutputName"/>. Weights are stored as float32,
/// under their state-dict keys (<c>conv2d_1.weight</c>), so the file reads like the model's <c>state_dict</c>.
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

    private readonly IReadOnlyDictionary<string, Tensor> _state;
    private readonly ModelProto _model;
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal) { InputName, OutputName };
    private readonly HashSet<string> _values = new(StringComparer.Ordinal) { InputName };
    private readonly HashSet<string> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);
    private string _layer = string.Empty;
    private bool _complete;

    /// <summary>Starts a graph whose weights come from <paramref name="model"/>'s <c>state_dict</c>.</summary>
    /// <param name="model">The module whose parameters and buffers <see cref="Weight"/> reads, by state-dict key.</param>
    /// <param name="name">The graph's name (the model class).</param>
    /// <param name="inputShape">The per-sample input shape; the batch dimension is added in front, symbolic.</param>
    public OnnxGraphBuilder(nn.Module model, string name, IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputShape);
        _state = model.state_dict();
        _graph = new GraphProto { Name = name };
        _graph.Input.Add(TensorValue(InputName, inputShape));
        _model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Dsl.Runtime",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString(3) ?? "0",
            Graph = _graph,
        };
        _model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
    }

    /// <summary>The name of the graph's input value.</summary>
    public string Input => InputName;

    /// <summary>
    /// Names the nodes added next after <paramref name="name"/> (<c>conv2d_1/Conv</c>, <c>conv2d_1/Relu</c>), so that
    /// a viewer such as Netron shows which layer each node belongs to.
    /// </summary>
    public void Layer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _layer = name;
    }

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
            if (input is null || (input.Length > 0 && !_values.Contains(input)))
                throw new ArgumentException($"The {op} node{Where()} takes '{input}', which is not a value of this graph (its input, a node output, a weight or a constant).", nameof(inputs));
        }
        string output = Unique(_layer.Length > 0 ? _layer + "/" + op : op);
        var node = new NodeProto { Name = output, OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(OnnxAttribute.ToProtos(attributes));
        _graph.Node.Add(node);
        _values.Add(output);
        return output;
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
        if (_weights.Contains(key))
            return key;
        if (!_state.TryGetValue(key, out var tensor) || tensor is null)
        {
            throw new ArgumentException(
                $"The model has no parameter or buffer '{key}'{Where()}; its state_dict has {string.Join(", ", _state.Keys.Select(k => "'" + k + "'"))}.", nameof(key));
        }
        if (!_names.Add(key))
            throw new InvalidOperationException($"The weight '{key}' has the name of another value of this graph.");
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var values = tensor.detach().to(CPU).to_type(ScalarType.Float32).contiguous();
            _graph.Initializer.Add(FloatTensor(key, values.shape, values.data<float>().ToArray()));
        }
        _weights.Add(key);
        _values.Add(key);
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

    /// <summary>A one-dimensional int64 constant, e.g. the pads of a <c>Pad</c> or the shape of a <c>Reshape</c>.</summary>
    public string Longs(params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        EnsureOpen();
        string key = "i64[" + string.Join(",", values) + "]";
        if (_constants.TryGetValue(key, out var existing))
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
        if (_model.MetadataProps.Any(p => p.Key == key))
            throw new ArgumentException($"The metadata key '{key}' is already set.", nameof(key));
        _model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    /// <summary>Human-readable documentation of the model (Markdown), e.g. its summary table.</summary>
    public void Describe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _model.DocString = text;
    }

    /// <summary>
    /// Makes <paramref name="value"/> the graph's output, <see cref="OutputName"/>, shaped (batch, …<paramref name="shape"/>),
    /// and completes the graph.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a value of this graph.</exception>
    public void Output(string value, IReadOnlyList<int> shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentNullException.ThrowIfNull(shape);
        EnsureOpen();
        if (!_values.Contains(value))
            throw new ArgumentException($"The output '{value}' is not a value of this graph.", nameof(value));
        var producer = _graph.Node.FirstOrDefault(n => n.Output.Contains(value));
        if (producer is null)
        {
            // The input itself (a model of dropouts only) or a weight: the output gets a node of its own.
            _graph.Node.Add(new NodeProto { Name = OutputName, OpType = "Identity", Input = { value }, Output = { OutputName } });
        }
        else
        {
            foreach (var node in _graph.Node)
            {
                Rename(node.Input, value);
                Rename(node.Output, value);
            }
        }
        _graph.Output.Add(TensorValue(OutputName, shape));
        _values.Add(OutputName);
        _complete = true;
    }

    /// <summary>The ONNX file's bytes.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Output"/> was not called.</exception>
    public byte[] ToArray()
    {
        EnsureComplete();
        return _model.ToByteArray();
    }

    /// <summary>Writes the ONNX file to <paramref name="stream"/>, which stays open.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Output"/> was not called.</exception>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureComplete();
        _model.WriteTo(stream);
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
        _graph.Initializer.Add(tensor);
        _constants.Add(key, tensor.Name);
        _values.Add(tensor.Name);
        return tensor.Name;
    }

    private string Constant(long[] dims, float[] values)
    {
        EnsureOpen();
        string key = "f32[" + string.Join(",", dims) + "]" + string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v)));
        if (_constants.TryGetValue(key, out var existing))
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

    private static ValueInfoProto TensorValue(string name, IReadOnlyList<int> shape)
    {
        var dims = new TensorShapeProto();
        dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (int size in shape)
            dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = dims } },
        };
    }

    private static void Rename(Google.Protobuf.Collections.RepeatedField<string> names, string from)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == from)
                names[i] = OutputName;
        }
    }

    private string Unique(string name)
    {
        string candidate = name;
        for (int n = 2; !_names.Add(candidate); n++)
            candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }

    private string Where() => _layer.Length > 0 ? " of layer '" + _layer + "'" : string.Empty;

    private void EnsureOpen()
    {
        if (_complete)
            throw new InvalidOperationException("The graph is complete: Output was called.");
    }

    private void EnsureComplete()
    {
        if (!_complete)
            throw new InvalidOperationException("The graph has no output yet: call Output first.");
    }
}
