using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Dsl.Tool;

/// <summary>
/// <c>dsl predict model.onnx inputs…</c>: runs an exported model in ONNX Runtime, as a deployment would (no TorchSharp
/// model, no generated class), and prints per input the top class and its probability for a classifier, or the raw
/// outputs otherwise; as text, CSV or JSON.
/// </summary>
internal static class PredictCommand
{
    /// <summary>Samples per ONNX Runtime call.</summary>
    private const int BatchSize = 256;

    public static Command Command(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("model") { Description = "An .onnx file written by dsl train (or by ExportOnnx)." };
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Images (PNG, JPEG, BMP, GIF) or folders of them, a .csv (a header, then one sample per row) or a .npy (N, …) file.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<PredictFormat>("--format") { Description = "text, csv or json.", DefaultValueFactory = _ => PredictFormat.Text };
        var labelColumn = new Option<string?>("--label-column") { Description = "A CSV column to leave out (the label), by header name or 0-based index." };
        var command = new Command("predict", "Runs an exported .onnx model in ONNX Runtime on images, a CSV or a .npy file and prints its predictions.") { model, inputs, format, labelColumn };
        command.SetAction(parse => Commands.Guard(error, () =>
            Run(parse.GetValue(model)!, parse.GetValue(inputs)!, parse.GetValue(format), parse.GetValue(labelColumn), output)));
        return command;
    }

    private static int Run(string modelPath, string[] inputPaths, PredictFormat format, string? labelColumn, TextWriter output)
    {
        using var model = OnnxModel.Load(modelPath);
        var samples = PredictInputs.Read(inputPaths, model, labelColumn);
        var predictions = new List<Prediction>(samples.Count);
        for (int start = 0; start < samples.Count; start += BatchSize)
        {
            var batch = samples.Skip(start).Take(BatchSize).ToArray();
            var outputs = model.Run(batch.SelectMany(s => s.Values).ToArray(), batch.Length);
            predictions.AddRange(batch.Select((s, i) => Prediction.Of(s.Name, outputs[i], model)));
        }
        switch (format)
        {
            case PredictFormat.Json:
                output.WriteLine(JsonSerializer.Serialize(predictions.Select(p => p.ToJson()), new JsonSerializerOptions { WriteIndented = true }));
                break;
            case PredictFormat.Csv:
                output.WriteLine(model.IsClassifier || model.IsBinary
                    ? "input,class,probability"
                    : "input," + string.Join(",", Enumerable.Range(0, model.OutputSize).Select(i => "output_" + i.ToString(CultureInfo.InvariantCulture))));
                foreach (var p in predictions)
                    output.WriteLine(Csv(p.Input) + "," + (p.Class is { } c ? Csv(c) + "," + Number(p.Probability!.Value) : string.Join(",", p.Outputs.Select(Number))));
                break;
            default:
                output.WriteLine($"Model: {model.Path} ({model.Name}), input (batch, {string.Join(", ", model.SampleShape)}), output ({string.Join(", ", model.OutputShape)}) " +
                    $"{(model.Activation.Length > 0 ? model.Activation : "of unknown activation")}; ONNX Runtime");
                foreach (var p in predictions)
                {
                    output.WriteLine(p.Class is { } c
                        ? $"{p.Input}: {c} (probability {Number(p.Probability!.Value)})"
                        : $"{p.Input}: {string.Join(", ", p.Outputs.Select(Number))}");
                }
                break;
        }
        return 0;
    }

    private static string Number(float value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Csv(string field) => field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>One input's prediction: its top class and probability (classifiers and yes/no models), and the raw outputs.</summary>
    private sealed record Prediction(string Input, string? Class, float? Probability, float[] Outputs)
    {
        public static Prediction Of(string input, float[] outputs, OnnxModel model)
        {
            if (model.IsClassifier)
            {
                var probabilities = model.Probabilities(outputs);
                int top = Array.IndexOf(probabilities, probabilities.Max());
                return new Prediction(input, model.ClassName(top), probabilities[top], outputs);
            }
            if (model.IsBinary)
            {
                int top = outputs[0] >= 0.5f ? 1 : 0;
                return new Prediction(input, model.ClassName(top), top == 1 ? outputs[0] : 1 - outputs[0], outputs);
            }
            return new Prediction(input, null, null, outputs);
        }

        public object ToJson() => Class is null
            ? new Dictionary<string, object> { ["input"] = Input, ["outputs"] = Outputs }
            : new Dictionary<string, object> { ["input"] = Input, ["class"] = Class, ["probability"] = Probability!.Value, ["outputs"] = Outputs };
    }
}
