using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace Dsl.Tool;

/// <summary>
/// An exported model as a deployment runs it: the <c>.onnx</c> file in ONNX Runtime, one input (batch first) and one
/// output, with what the exporter recorded about it (the model's name, its output activation) and, beside the file,
/// the class names <c>dsl train</c> wrote.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    private OnnxModel(InferenceSession session, string path)
    {
        _session = session;
        Path = path;
        if (session.InputMetadata.Count != 1 || session.OutputMetadata.Count != 1)
        {
            throw new UsageException($"'{path}' has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}) and " +
                $"{session.OutputMetadata.Count} outputs; dsl predict runs models with one input and one output. Run it with ONNX Runtime from code.");
        }
        var (input, inputInfo) = session.InputMetadata.Single();
        var (output, outputInfo) = session.OutputMetadata.Single();
        _input = input;
        _output = output;
        ElementType = inputInfo.ElementType;
        if (ElementType != typeof(float) && ElementType != typeof(long))
            throw new UsageException($"'{path}' takes {inputInfo.ElementDataType} values; dsl predict feeds float32 or int64 inputs.");
        SampleShape = inputInfo.Dimensions.Skip(1).ToArray();
        if (SampleShape.Any(d => d < 1))
            throw new UsageException($"'{path}' takes an input of open size ({string.Join(", ", inputInfo.Dimensions)}); dsl predict needs a fixed shape per sample.");
        OutputShape = outputInfo.Dimensions.Skip(1).ToArray();
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Name = metadata.TryGetValue("dsl.model", out var model) ? model : session.ModelMetadata.GraphName;
        Activation = metadata.TryGetValue("dsl.output_activation", out var activation) ? activation : "";
        string classes = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileNameWithoutExtension(path) + ".classes.txt");
        ClassNames = File.Exists(classes) ? File.ReadAllLines(classes).Where(l => l.Length > 0).ToArray() : null;
    }

    public string Path { get; }

    /// <summary>The model's name, as the exporter recorded it.</summary>
    public string Name { get; }

    /// <summary>The output layer's activation by its Keras name (<c>softmax</c>, <c>sigmoid</c>, <c>linear</c>…), or empty if not recorded.</summary>
    public string Activation { get; }

    /// <summary>The input's element type: float or long.</summary>
    public Type ElementType { get; }

    /// <summary>The shape of one sample, without the batch.</summary>
    public int[] SampleShape { get; }

    /// <summary>The shape of one sample's output, without the batch.</summary>
    public int[] OutputShape { get; }

    /// <summary>The class names written beside the file by <c>dsl train</c> (an image folder's sub-folders), or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Values per sample.</summary>
    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);

    /// <summary>Values per sample's output.</summary>
    public int OutputSize => OutputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>A classifier: softmax or log-softmax over two classes or more; predict prints the top class.</summary>
    public bool IsClassifier => Activation is "softmax" or "log_softmax" && OutputShape.Length == 1 && OutputShape[0] >= 2;

    /// <summary>A yes/no model: one sigmoid unit; predict prints class 1 when its probability is at least 0.5.</summary>
    public bool IsBinary => Activation == "sigmoid" && OutputSize == 1;

    /// <exception cref="UsageException">There is no such file, or it is not an ONNX model dsl predict can run.</exception>
    public static OnnxModel Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new UsageException($"'{path}' does not exist; give the .onnx file dsl train wrote (runs/<Model>/<Model>.onnx).");
        InferenceSession session;
        try
        {
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            session = new InferenceSession(full, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new UsageException($"'{path}' is not an ONNX model ONNX Runtime can load: {e.Message.Split('\n')[0].Trim()}");
        }
        try
        {
            return new OnnxModel(session, full);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The outputs of <paramref name="count"/> samples, <paramref name="values"/> holding count × <see cref="SampleSize"/> values; one row per sample.</summary>
    public float[][] Run(float[] values, int count)
    {
        long[] shape = new[] { (long)count }.Concat(SampleShape.Select(d => (long)d)).ToArray();
        using var input = ElementType == typeof(float)
            ? OrtValue.CreateTensorValueFromMemory(values, shape)
            : OrtValue.CreateTensorValueFromMemory(values.Select(v => (long)Math.Round(v)).ToArray(), shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, new[] { _input }, new[] { input }, new[] { _output });
        var flat = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        int size = flat.Length / count;
        return Enumerable.Range(0, count).Select(i => flat.AsSpan(i * size, size).ToArray()).ToArray();
    }

    /// <summary>A classifier's output as probabilities: as given after softmax, exponentiated after log-softmax.</summary>
    public float[] Probabilities(float[] output) => Activation == "log_softmax" ? output.Select(MathF.Exp).ToArray() : output;

    /// <summary>Class <paramref name="index"/>'s name: from the names file, else the index.</summary>
    public string ClassName(int index) =>
        ClassNames is { } names && index < names.Count ? names[index] : index.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _session.Dispose();
}
