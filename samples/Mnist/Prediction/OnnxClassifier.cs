using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace Samples.Mnist.Prediction;

/// <summary>
/// An exported model as a deployment sees it: an <c>.onnx</c> file run by ONNX Runtime, with no TorchSharp and no
/// generated class. Takes a batch of images (N, C, H, W) as float32 in [0, 1] and gives class probabilities.
/// </summary>
internal sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly string _activation;

    private OnnxClassifier(InferenceSession session, string path)
    {
        _session = session;
        Path = path;
        if (session.InputMetadata.Count != 1)
        {
            throw new InvalidDataException($"'{path}' takes {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); "
                + "predict feeds one image to a model with one image input. Run the model from code (IGeneratedModel.Run) or with ONNX Runtime directly.");
        }
        if (session.OutputMetadata.Count != 1)
        {
            throw new InvalidDataException($"'{path}' has {session.OutputMetadata.Count} outputs ({string.Join(", ", session.OutputMetadata.Keys)}); "
                + "predict reads one output of class scores.");
        }
        var input = session.InputMetadata.Single();
        var output = session.OutputMetadata.Single();
        _input = input.Key;
        _output = output.Key;
        var dims = input.Value.Dimensions;
        if (input.Value.ElementType != typeof(float) || dims.Length != 4 || dims[1] < 1 || dims[2] < 1 || dims[3] < 1)
            throw new InvalidDataException($"'{path}' does not classify images: its input '{_input}' is {Describe(input.Value)}, not float32 (batch, channels, height, width).");
        if (output.Value.Dimensions.Length != 2 || output.Value.Dimensions[1] < 2)
            throw new InvalidDataException($"'{path}' is not a classifier: its output '{_output}' is {Describe(output.Value)}, not (batch, classes).");
        ImageShape = (dims[1], dims[2], dims[3]);
        Classes = output.Value.Dimensions[1];
        var metadata = session.ModelMetadata;
        Name = metadata.CustomMetadataMap.TryGetValue("dsl.model", out var model) ? model : metadata.GraphName;
        _activation = metadata.CustomMetadataMap.TryGetValue("dsl.output_activation", out var activation) ? activation : "";
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The model's name, as the exporter recorded it.</summary>
    public string Name { get; }

    /// <summary>The per-sample input shape.</summary>
    public (int Channels, int Height, int Width) ImageShape { get; }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>What the output means: probabilities as the model gives them, or turned into probabilities here.</summary>
    public string OutputDescription => _activation switch
    {
        "softmax" => "probabilities (the model ends with softmax)",
        "log_softmax" => "probabilities (exp of the model's log_softmax)",
        _ => "probabilities (softmax of the model's output)",
    };

    /// <summary>Loads <paramref name="path"/>, checking it is an ONNX model that classifies images.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid ONNX model, or not an image classifier.</exception>
    public static OnnxClassifier Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"No ONNX model at '{full}'. Train first (each run writes <Model>.onnx into its --out folder).", full);
        InferenceSession session;
        try
        {
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            session = new InferenceSession(full, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"'{full}' is not a valid ONNX model (damaged or not ONNX): {FirstLine(e.Message)}", e);
        }
        try
        {
            return new OnnxClassifier(session, full);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Class probabilities for each image of a batch: <paramref name="pixels"/> holds count × C × H × W values.</summary>
    public float[][] Classify(float[] pixels, int count)
    {
        var (channels, height, width) = ImageShape;
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, new long[] { count, channels, height, width });
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, new[] { _input }, new[] { input }, new[] { _output });
        var values = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        return Enumerable.Range(0, count).Select(i => Probabilities(values.AsSpan(i * Classes, Classes))).ToArray();
    }

    public void Dispose() => _session.Dispose();

    private float[] Probabilities(ReadOnlySpan<float> scores)
    {
        switch (_activation)
        {
            case "softmax":
                return scores.ToArray();
            case "log_softmax":
                return scores.ToArray().Select(MathF.Exp).ToArray();
            default:
                float max = float.NegativeInfinity;
                foreach (float s in scores)
                    max = Math.Max(max, s);
                var exp = scores.ToArray().Select(s => MathF.Exp(s - max)).ToArray();
                float sum = exp.Sum();
                return exp.Select(e => e / sum).ToArray();
        }
    }

    private static string Describe(NodeMetadata value) =>
        value.ElementDataType + " (" + string.Join(", ", value.Dimensions.Select((d, i) => d < 0 ? (value.SymbolicDimensions.ElementAtOrDefault(i) is { Length: > 0 } name ? name : "?") : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
