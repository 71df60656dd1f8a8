using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Dsl;

/// <summary>
/// A model's summary in the formats people take it elsewhere in: Keras's text table, Markdown, CSV and JSON, collapsed
/// (a block use is one row) or expanded (its layers follow it, as Keras's <c>expand_nested=True</c>). Every format has
/// the columns Keras and torchinfo show: output shape, parameters (all and trainable), mult-adds, the bytes of the
/// layer's output per sample and of its parameters (float32), and what it is connected to. All of it comes from the
/// compile-time <see cref="LayerInfo"/>s; nothing runs the model.
/// </summary>
public static class ModelSummary
{
    /// <summary>Bytes a value takes: parameters and layer outputs are float32.</summary>
    public const int BytesPerValue = 4;

    /// <summary>The summary of <paramref name="model"/> in <paramref name="format"/>.</summary>
    public static string Render(ModelInfo model, SummaryFormat format, bool expand = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        return format switch
        {
            SummaryFormat.Text => expand ? model.ExpandedSummary : model.Summary,
            SummaryFormat.Markdown => Markdown(model, expand),
            SummaryFormat.Csv => Csv(model, expand),
            SummaryFormat.Json => Json(model, expand),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Text, Markdown, Csv or Json"),
        };
    }

    /// <summary>One row of a summary: a layer (or block use) with where it sits and what it reads.</summary>
    /// <param name="Layer">The layer's compile-time facts.</param>
    /// <param name="Path">The layer's name, under its block uses' (<c>stage1_block1.conv2d_1</c>): its state-dict prefix.</param>
    /// <param name="Depth">0 for the model's own layers, 1 inside a block use, and so on.</param>
    /// <param name="ConnectedTo">The outputs it reads (layers, or inputs), as Keras's "Connected to" column names them.</param>
    public sealed record Row(LayerInfo Layer, string Path, int Depth, IReadOnlyList<string> ConnectedTo)
    {
        /// <summary>Values in the layer's output(s) per sample.</summary>
        public long OutputValues => (Layer.OutputShapes.Count > 0 ? Layer.OutputShapes : new[] { Layer.OutputShape })
            .Sum(shape => shape.Aggregate(1L, (product, dimension) => product * dimension));

        /// <summary>Bytes of the layer's output(s) per sample (float32).</summary>
        public long ActivationBytes => OutputValues * BytesPerValue;

        /// <summary>Bytes of the layer's parameters (float32), what it adds to the weights file.</summary>
        public long ParameterBytes => Layer.ParameterCount * BytesPerValue;

        /// <summary><c>(None, 16, 28, 28)</c>; several outputs separated by spaces.</summary>
        public string OutputShapeText => Layer.OutputShapes.Count > 1
            ? string.Join(" ", Layer.OutputShapes.Select(ShapeText.Format))
            : ShapeText.Format(Layer.OutputShape);
    }

    /// <summary>The rows of the summary, in order: the model's layers and, when <paramref name="expand"/>, every layer inside each block use after it.</summary>
    public static IReadOnlyList<Row> Rows(ModelInfo model, bool expand)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<Row>();
        Add(rows, model.Layers, model.Inputs.Select(i => i.Name).ToArray(), prefix: "", depth: 0, expand);
        return rows;
    }

    private static void Add(List<Row> rows, IReadOnlyList<LayerInfo> layers, IReadOnlyList<string> inputs, string prefix, int depth, bool expand)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            // A layer that names no input takes the previous layer's output (or the graph's first input).
            IReadOnlyList<string> connected = layer.Inputs.Count > 0 ? layer.Inputs
                : layer.BlockInputs.Count > 0 ? layer.BlockInputs
                : new[] { i == 0 ? inputs[0] : layers[i - 1].Name };
            rows.Add(new Row(layer, prefix + layer.Name, depth, connected));
            if (expand && layer.Children.Count > 0)
                Add(rows, layer.Children, new[] { "input" }, prefix + layer.Name + ".", depth + 1, expand);
        }
    }

    private static string Markdown(ModelInfo model, bool expand)
    {
        var text = new StringBuilder();
        text.Append("| Layer | Type | Output shape | Param # | Trainable | Mult-adds | Output bytes | Param bytes | Connected to |\n");
        text.Append("|---|---|---|---:|---:|---:|---:|---:|---|\n");
        foreach (var row in Rows(model, expand))
        {
            string type = row.Layer.Shares is { } shared ? row.Layer.TypeName + ", shares " + shared : row.Layer.TypeName;
            text.Append("| ").Append(Cell(row.Path)).Append(" | ").Append(Cell(type)).Append(" | ").Append(row.OutputShapeText)
                .Append(" | ").Append(Grouped(row.Layer.ParameterCount)).Append(" | ").Append(Grouped(row.Layer.TrainableParameterCount))
                .Append(" | ").Append(Grouped(row.Layer.MultAdds)).Append(" | ").Append(Grouped(row.ActivationBytes))
                .Append(" | ").Append(Grouped(row.ParameterBytes)).Append(" | ").Append(Cell(string.Join(", ", row.ConnectedTo))).Append(" |\n");
        }
        text.Append('\n')
            .Append("Total params: ").Append(Grouped(model.ParameterCount))
            .Append(" (trainable ").Append(Grouped(model.TrainableParameterCount))
            .Append(", non-trainable ").Append(Grouped(model.NonTrainableParameterCount))
            .Append("); mult-adds per sample: ").Append(Grouped(model.MultAdds)).Append('\n');
        return text.ToString();
    }

    private static string Csv(ModelInfo model, bool expand)
    {
        var text = new StringBuilder();
        text.Append("layer,depth,type,kind,output_shape,parameters,trainable_parameters,mult_adds,output_bytes,parameter_bytes,connected_to,shares\r\n");
        foreach (var row in Rows(model, expand))
        {
            var fields = new[]
            {
                row.Path, Invariant(row.Depth), row.Layer.TypeName, row.Layer.Kind.ToString(), row.OutputShapeText,
                Invariant(row.Layer.ParameterCount), Invariant(row.Layer.TrainableParameterCount), Invariant(row.Layer.MultAdds),
                Invariant(row.ActivationBytes), Invariant(row.ParameterBytes), string.Join(" ", row.ConnectedTo), row.Layer.Shares ?? "",
            };
            text.Append(string.Join(",", fields.Select(CsvField))).Append("\r\n");
        }
        return text.ToString();
    }

    private static string Json(ModelInfo model, bool expand)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", model.FullName);
            json.WriteString("source", model.Source);
            json.WriteStartArray("inputs");
            foreach (var input in model.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("name", input.Name);
                WriteShape(json, "shape", input.Shape);
                json.WriteString("dtype", input.DType.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("outputs");
            foreach (var output in model.Outputs)
            {
                json.WriteStartObject();
                json.WriteString("name", output.Name);
                json.WriteString("layer", output.Layer);
                WriteShape(json, "shape", output.Shape);
                json.WriteString("activation", output.Activation.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("parameters", model.ParameterCount);
            json.WriteNumber("trainable_parameters", model.TrainableParameterCount);
            json.WriteNumber("mult_adds", model.MultAdds);
            var rows = Rows(model, expand);
            json.WritePropertyName("layers");
            WriteLayers(json, rows, 0, rows.Count, depth: 0);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The rows from <paramref name="start"/> up to <paramref name="end"/> at <paramref name="depth"/>, each with the deeper rows after it as its layers.</summary>
    private static void WriteLayers(Utf8JsonWriter json, IReadOnlyList<Row> rows, int start, int end, int depth)
    {
        json.WriteStartArray();
        for (int i = start; i < end; i++)
        {
            var row = rows[i];
            if (row.Depth != depth)
                continue;
            int next = i + 1;
            while (next < end && rows[next].Depth > depth)
                next++;
            json.WriteStartObject();
            json.WriteString("name", row.Layer.Name);
            json.WriteString("path", row.Path);
            json.WriteString("type", row.Layer.TypeName);
            json.WriteString("kind", row.Layer.Kind.ToString());
            json.WritePropertyName("output_shapes");
            json.WriteStartArray();
            foreach (var shape in row.Layer.OutputShapes.Count > 0 ? row.Layer.OutputShapes : new[] { row.Layer.OutputShape })
            {
                json.WriteStartArray();
                foreach (int dimension in shape)
                    json.WriteNumberValue(dimension);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteNumber("parameters", row.Layer.ParameterCount);
            json.WriteNumber("trainable_parameters", row.Layer.TrainableParameterCount);
            json.WriteNumber("mult_adds", row.Layer.MultAdds);
            json.WriteNumber("output_bytes", row.ActivationBytes);
            json.WriteNumber("parameter_bytes", row.ParameterBytes);
            json.WriteStartArray("connected_to");
            foreach (var name in row.ConnectedTo)
                json.WriteStringValue(name);
            json.WriteEndArray();
            if (row.Layer.Shares is { } shares)
                json.WriteString("shares", shares);
            if (next > i + 1)
            {
                json.WritePropertyName("layers");
                WriteLayers(json, rows, i + 1, next, depth + 1);
            }
            json.WriteEndObject();
            i = next - 1;
        }
        json.WriteEndArray();
    }

    private static void WriteShape(Utf8JsonWriter json, string name, IReadOnlyList<int> shape)
    {
        json.WriteStartArray(name);
        foreach (int dimension in shape)
            json.WriteNumberValue(dimension);
        json.WriteEndArray();
    }

    private static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A Markdown cell: pipes escaped, so a name cannot end the cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>An RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled.</summary>
    private static string CsvField(string text) =>
        text.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
