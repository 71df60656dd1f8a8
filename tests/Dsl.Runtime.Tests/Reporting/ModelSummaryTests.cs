using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualBasic.FileIO;
using Dsl.Runtime.Tests.Models;

namespace Dsl.Runtime.Tests.Reporting;

/// <summary>
/// The summary formats read back: CSV by .NET's own TextFieldParser and JSON by System.Text.Json (readers independent of
/// the writers) give every layer's figures exactly as
/// its <see cref="LayerInfo"/> holds them, collapsed and expanded; Markdown has a row per layer; text is the
/// compile-time table.
/// </summary>
public class ModelSummaryTests
{
    public static TheoryData<string> Models() => new() { nameof(SeedModel1), nameof(SeedResidualCnn), nameof(SeedTwoViewCnn), nameof(StagedResidual), nameof(ImageAndMetadata) };

    private static ModelInfo Model(string name) => ModelCatalog.Get(name);

    /// <summary>What each row must say: the layer's figures, computed here from its LayerInfo.</summary>
    private static IEnumerable<(string Path, int Depth, LayerInfo Layer)> Expected(ModelInfo model, bool expand)
    {
        IEnumerable<(string, int, LayerInfo)> Walk(IEnumerable<LayerInfo> layers, string prefix, int depth) =>
            layers.SelectMany(layer => new[] { (prefix + layer.Name, depth, layer) }
                .Concat(expand ? Walk(layer.Children, prefix + layer.Name + ".", depth + 1) : Array.Empty<(string, int, LayerInfo)>()));
        return Walk(model.Layers, "", 0);
    }

    private static long Values(LayerInfo layer) =>
        (layer.OutputShapes.Count > 0 ? layer.OutputShapes : new[] { layer.OutputShape }).Sum(s => s.Aggregate(1L, (p, d) => p * d));

    [Theory]
    [MemberData(nameof(Models))]
    public void Csv_reads_back_as_the_layers(string name)
    {
        var model = Model(name);
        foreach (bool expand in new[] { false, true })
        {
            var rows = ReadCsv(model.FormatSummary(SummaryFormat.Csv, expand));
            var expected = Expected(model, expand).ToList();
            Assert.Equal(expected.Count, rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                var (path, depth, layer) = expected[i];
                var row = rows[i];
                Assert.Equal(path, row["layer"]);
                Assert.Equal(depth.ToString(CultureInfo.InvariantCulture), row["depth"]);
                Assert.Equal(layer.TypeName, row["type"]);
                Assert.Equal(layer.ParameterCount.ToString(CultureInfo.InvariantCulture), row["parameters"]);
                Assert.Equal(layer.TrainableParameterCount.ToString(CultureInfo.InvariantCulture), row["trainable_parameters"]);
                Assert.Equal(layer.MultAdds.ToString(CultureInfo.InvariantCulture), row["mult_adds"]);
                Assert.Equal((Values(layer) * 4).ToString(CultureInfo.InvariantCulture), row["output_bytes"]);
                Assert.Equal((layer.ParameterCount * 4).ToString(CultureInfo.InvariantCulture), row["parameter_bytes"]);
                Assert.Equal(layer.Shares ?? "", row["shares"]);
            }
            // The model's own rows add up to its totals.
            Assert.Equal(model.ParameterCount, rows.Where(r => r["depth"] == "0").Sum(r => long.Parse(r["parameters"], CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Each record as header → field.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            Assert.Equal(header.Length, fields.Length);
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second));
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Json_reads_back_as_the_layers_with_block_layers_nested(string name)
    {
        var model = Model(name);
        using var document = JsonDocument.Parse(model.FormatSummary(SummaryFormat.Json, expand: true));
        var root = document.RootElement;
        Assert.Equal(model.FullName, root.GetProperty("model").GetString());
        Assert.Equal(model.ParameterCount, root.GetProperty("parameters").GetInt64());
        Assert.Equal(model.MultAdds, root.GetProperty("mult_adds").GetInt64());
        Assert.Equal(model.Inputs.Select(i => i.Name), root.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(model.Outputs.Select(o => o.Name), root.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        AssertLayers(model.Layers, root.GetProperty("layers"));

        using var collapsed = JsonDocument.Parse(model.FormatSummary(SummaryFormat.Json));
        Assert.All(collapsed.RootElement.GetProperty("layers").EnumerateArray(), layer => Assert.False(layer.TryGetProperty("layers", out _)));
    }

    private static void AssertLayers(IReadOnlyList<LayerInfo> expected, JsonElement actual)
    {
        var items = actual.EnumerateArray().ToList();
        Assert.Equal(expected.Count, items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            var layer = expected[i];
            var item = items[i];
            Assert.Equal(layer.Name, item.GetProperty("name").GetString());
            Assert.Equal(layer.Kind.ToString(), item.GetProperty("kind").GetString());
            Assert.Equal(layer.ParameterCount, item.GetProperty("parameters").GetInt64());
            Assert.Equal(layer.TrainableParameterCount, item.GetProperty("trainable_parameters").GetInt64());
            Assert.Equal(layer.MultAdds, item.GetProperty("mult_adds").GetInt64());
            var shapes = item.GetProperty("output_shapes").EnumerateArray().Select(s => s.EnumerateArray().Select(d => d.GetInt32()).ToArray()).ToList();
            Assert.Equal(layer.OutputShapes.Count > 0 ? layer.OutputShapes.Select(s => s.ToArray()) : new[] { layer.OutputShape.ToArray() }, shapes);
            if (layer.Children.Count > 0)
                AssertLayers(layer.Children, item.GetProperty("layers"));
            else
                Assert.False(item.TryGetProperty("layers", out _));
        }
    }

    [Fact]
    public void Markdown_has_a_row_per_layer_with_connections_and_text_is_the_compile_time_table()
    {
        var model = Model(nameof(SeedTwoViewCnn));
        var lines = model.FormatSummary(SummaryFormat.Markdown, expand: true).Split('\n');
        var rows = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(Expected(model, expand: true).Count(), rows.Count);
        Assert.Contains("| encoder | DigitEncoder | (None, 32) | 4,800 | 4,800 |", rows[0], StringComparison.Ordinal);
        Assert.EndsWith("| image |", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.StartsWith("| encoder.conv2d_1 | Conv2D | (None, 16, 28, 28) | 160 |", StringComparison.Ordinal) && r.EndsWith("| input |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| encoder_2 | DigitEncoder, shares encoder |", StringComparison.Ordinal) && r.EndsWith("| rotated |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| concatenate_1 |", StringComparison.Ordinal) && r.EndsWith("| encoder, encoder_2 |", StringComparison.Ordinal));
        Assert.Contains("Total params: 5,450", lines.Last(l => l.Length > 0), StringComparison.Ordinal);

        Assert.Equal(model.Summary, model.FormatSummary(SummaryFormat.Text));
        Assert.Equal(model.ExpandedSummary, model.FormatSummary(SummaryFormat.Text, expand: true));
    }
}
