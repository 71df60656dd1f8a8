using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// Property test: hundreds of randomly damaged specs (valid specs with lines deleted, duplicated, swapped,
/// re-indented, keys and values replaced, tabs, unicode, huge numbers, deep nesting, stray YAML syntax) never
/// make the generator throw or report an internal error, and every diagnostic points inside the file. A graph spec
/// gets its references and names swapped for unknown, later, duplicate and automatic ones.
/// Seeded, so a failure reproduces; the failing document is printed.
/// </summary>
public class YamlFuzzTests
{
    private const int Documents = 1000;
    private const int Seed = 20_240_611;
    private const string Path = "/project/Models/Fuzz.model.yaml";

    private static readonly string[] Bases = SeedSpecs.Yaml.Concat(new[]
    {
        """
        model: Everything
        namespace: Fuzz.Models
        input: { channels: 3, height: 32, width: 32 }
        layers:
          - conv2d: { filters: 16, kernel_size: [3, 5], stride: [1, 2], padding: same, activation: leaky_relu, use_bias: false }
          - batch_normalization: { epsilon: 1e-5, momentum: 0.9 }
          - average_pooling2d: { pool_size: 2, strides: 2, padding: valid }
          - max_pooling2d: { pool_size: [2, 2], stride: 1, padding: same }
          - conv2d: &c { filters: 8, kernel_size: 1, activation: GELU }
          - global_average_pooling2d
          - dense: { units: 32, activation: tanh, use_bias: true }
          - batch_normalization
          - dropout: { rate: 0.1 }
          - dense: { units: 4, activation: log_softmax }
        expect_parameters: 1_468
        """,
        """
        model: Flat
        input:
          features: 784
        layers:
          - dense:
              units: 128
              activation: relu
          - dropout: 0.5
          - dense:
              units: 10
              activation: softmax
        expect_parameters:
          count: 101770
        """,
        """
        model: Graph
        input: [3, 16, 16]
        layers:
          - conv2d: { filters: 8, kernel_size: 3, padding: same, activation: relu, name: stem }
          - conv2d: { filters: 8, kernel_size: 3, padding: same, name: branch }
          - add: [stem, branch]
          - conv2d: { filters: 4, kernel_size: 1, from: stem, name: side }
          - concatenate: { inputs: [add_1, side], name: joined }
          - subtract: [joined, joined]
          - max_pooling2d: 2
          - flatten
          - dense: { units: 10, activation: softmax }
        """,
        """
        model: Siamese
        inputs:
          left: [6]
          right: [6]
        layers:
          - dense: { units: 4, activation: tanh, from: left, name: embed }
          - reuse: { layer: embed, from: right }
          - euclidean_distance: [embed, embed_2]
          - dense: { units: 1, activation: sigmoid }
        """,
        """
        model: AllKinds
        namespace: Fuzz.Models
        input: [2, 12, 12]
        layers:
          - rescaling: { scale: 0.5, offset: -1 }
          - zero_padding2d: [[1, 0], [0, 1]]
          - conv2d: { filters: 4, kernel_size: 3, padding: same, dilation_rate: 2, groups: 2, name: stem }
          - depthwise_conv2d: { kernel_size: 3, depth_multiplier: 2, padding: same }
          - separable_conv2d: { filters: 4, kernel_size: 3, padding: same, activation: silu }
          - add: [stem, separable_conv2d_1]
          - conv2d_transpose: { filters: 3, kernel_size: 2, stride: 2 }
          - cropping2d: [1, 1]
          - up_sampling2d: { size: [1, 2], interpolation: bilinear }
          - layer_normalization
          - spatial_dropout2d: 0.1
          - activation: hard_sigmoid
          - global_max_pooling2d: { name: pooled }
          - reshape: [3, 1]
          - conv1d: { filters: 4, kernel_size: 2, padding: causal }
          - max_pooling1d: { pool_size: 1 }
          - global_average_pooling1d
          - dense: { units: 3, activation: softmax }
        """,
        """
        model: Sequences
        input: { steps: 32, features: 3 }
        layers:
          - conv1d: { filters: 4, kernel_size: 3, padding: causal, dilation_rate: 2, activation: relu, name: a }
          - conv1d: { filters: 4, kernel_size: 3, padding: same, from: input, name: b }
          - multiply: [a, b]
          - average: { inputs: [a, b, multiply_1], name: mean }
          - maximum: [mean, a]
          - minimum: [maximum_1, b]
          - average_pooling1d: { pool_size: 2, padding: same }
          - max_pooling1d: 2
          - batch_normalization
          - global_max_pooling1d
          - dense: 2
        """,
        """
        model: Masked
        input: { steps: 12, features: 3 }
        layers:
          - masking: { mask_value: -1 }
          - dense: { units: 4, activation: relu }
          - global_average_pooling1d: { keepdims: true }
          - flatten
          - dense: 2
        """,
        """
        model: Augmented
        input: [3, 16, 12]
        layers:
          - random_flip: { mode: horizontal, seed: 1 }
          - random_rotation: { factor: [-0.1, 0.2], fill_mode: constant, fill_value: 0.5 }
          - random_translation: { height_factor: 0.1, width_factor: [0, 0.2], interpolation: nearest }
          - random_zoom: { height_factor: 0.2, width_factor: [-0.1, 0.3], fill_mode: wrap }
          - random_contrast: { factor: 0.3, value_range: [-1, 1] }
          - random_crop: { height: 12, width: 10 }
          - global_average_pooling2d
          - dense: 2
        """,
        """
        model: Attended
        inputs: { tokens: { features: 10, dtype: int64 }, context: [6, 4] }
        layers:
          - embedding: { input_dim: 20, output_dim: 4, mask_zero: true, from: tokens }
          - position_embedding: { sequence_length: 12, name: positions }
          - add: [embedding_1, positions]
          - multi_head_attention: { num_heads: 2, key_dim: 3, value_dim: 2, use_causal_mask: true }
          - multi_head_attention: { num_heads: 1, key_dim: 2, output_shape: 4, inputs: [multi_head_attention_1, context, context] }
          - attention: { use_scale: true, score_mode: concat, inputs: [multi_head_attention_2, context] }
          - global_average_pooling1d
          - dense: 2
        """,
        """
        model: Normalized
        input: [3, 8, 6]
        layers:
          - normalization: { name: stem }
          - normalization: { axis: [1, 2], mean: 0.5, variance: [2], invert: true }
          - permute: { dims: [2, 1, 3], name: branch }
          - global_average_pooling2d: { keepdims: true, name: side }
          - multiply: { inputs: [branch, side], name: joined }
          - flatten
          - repeat_vector: 2
          - global_max_pooling1d
          - dense: 2
        """,
        """
        model: Recurrent
        input: [9, 4]
        layers:
          - simple_rnn: { units: 3, activation: relu, return_sequences: true, go_backwards: true }
          - bidirectional: { layer: { lstm: { units: 4, return_sequences: true, dropout: 0.1 } }, merge_mode: sum }
          - time_distributed: { layer: { dense: { units: 5, activation: tanh } } }
          - lstm: { units: 3, return_sequences: true, unit_forget_bias: false, recurrent_activation: hard_sigmoid }
          - gru: { units: 3, return_sequences: true, recurrent_dropout: 0.2 }
          - bidirectional: { layer: { gru: { units: 2, reset_after: false } }, backward_layer: { gru: { units: 2, go_backwards: true } } }
          - dense: 2
        """,
    }).ToArray();

    /// <summary>Names a graph mutation puts where a layer name was: declared ones, later ones, typos, automatic ones.</summary>
    private static readonly string[] References =
    {
        "stem", "branch", "side", "joined", "add_1", "input", "flatten_1", "dense_1", "stme", "later", "conv2d_1", "Stem", "",
        // Names that look like others (C# drops format characters) or carry control characters into messages.
        "\"ste\u200Bm\"", "\"stem\uFEFF\"", "\"branch\u202E\"", "\"side\\nforged\"", "\"joined\\u0000\"",
    };

    private static readonly string[] Values =
    {
        "abc", "-1", "0", "1", "3", "[1, 2]", "[1, 2, 3]", "[]", "{}", "{ filters: 3 }", "~", "null", "true", "False",
        "\"quoted\"", "'single'", ".inf", "-.inf", ".nan", "1e999", "99999999999999999999", "-2147483649", "0.5", "1_000",
        "0x1F", "same", "relu", "conv2d", "|\n  block text", ">\n  folded", "!!str 5", "!!int x", "!!float 1", "&a 3", "*a",
        "*nowhere", "- item", ": :", "😀", "", "[[[[[[", "]]]", "{a: {b: {c: [1, {d: 2}]}}}", "? complex\n: key", "%YAML 1.2",
        "---", "...", "\"unterminated", "'", "@", "`", "#", "\t", "!<tag:x> y", "[1, 28, 28]", "[784]", "{ channels: 1 }",
    };

    private static readonly string[] Unicode =
    {
        "😀", "\u200B", "\uFEFF", "\u0301", "\u202E", "\uD800", "\uDC00", "\u0000", "\u0085", "\u2028", "\u2029", "é", "中文",
        "\r", "\r\n", "\u00A0", "\u3000", "Ω",
    };

    private const string Syntax = ":-[]{},#&*!|>'\"%@`?\t \n";

    private readonly ITestOutputHelper _output;

    public YamlFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_base_spec_is_valid_and_together_they_use_every_kind()
    {
        var kinds = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var document in Bases)
        {
            var run = GeneratorHarness.Run(additionalTexts: new[] { new InMemoryAdditionalText(Path, document) });
            run.AssertGeneratorHealthy();
            Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics) + "\n" + document);
            foreach (var line in document.Split('\n'))
            {
                var match = System.Text.RegularExpressions.Regex.Match(line, @"^\s*- ([a-z0-9_]+)");
                if (match.Success)
                    kinds.Add(match.Groups[1].Value);
            }
        }
        // The mutations start from every kind, so damage reaches every kind's options.
        Assert.Superset(Dsl.Generator.Layers.LayerRegistry.All.Select(k => k.KerasName).ToHashSet(), kinds);
    }

    [Fact]
    public void Random_damaged_specs_never_make_the_generator_fail()
    {
        var random = new Random(Seed);
        // One session edited again and again, as in an IDE; each run sees one new document.
        var session = GeneratorHarness.Start(additionalTexts: new[] { new InMemoryAdditionalText(Path, Bases[0]) });
        session.Run().AssertGeneratorHealthy();

        int generated = 0;
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Documents; i++)
        {
            var document = Mutate(random, Bases[random.Next(Bases.Length)]);
            session.ReplaceAdditionalText(Path, document);
            try
            {
                var run = session.Run();
                run.AssertGeneratorHealthy();
                foreach (var diagnostic in run.GeneratorDiagnostics)
                {
                    ids.Add(diagnostic.Id);
                    AssertInFile(diagnostic, document);
                }
                var model = run.GeneratedSources.Keys.SingleOrDefault(k => k.Contains(".model-yaml", StringComparison.Ordinal));
                if (model is not null)
                {
                    generated++;
                    // Whatever got through the checks must be valid C#.
                    var tree = run.OutputCompilation.SyntaxTrees.Single(t => t.FilePath.EndsWith(model, StringComparison.Ordinal));
                    var errors = run.OutputCompilation.GetSemanticModel(tree).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    Assert.True(errors.Count == 0, string.Join("\n", errors));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _output.WriteLine("Document " + i + " (seed " + Seed + "):\n" + Escape(document));
                throw;
            }
        }

        _output.WriteLine(generated + " of " + Documents + " documents generated a model; diagnostics seen: " + string.Join(", ", ids));
        // The mutations must reach both outcomes and a wide range of checks, or the test proves little.
        Assert.InRange(generated, Documents / 20, Documents - Documents / 5);
        Assert.Superset(new SortedSet<string>(new[] { "DSL101", "DSL102", "DSL103", "DSL104", "DSL105", "DSL106", "DSL111", "DSL112" }), ids);
        // Graph damage reaches the graph checks: unknown and later references, duplicate names, merges that do not fit.
        Assert.Superset(new SortedSet<string>(new[] { "DSL018", "DSL019", "DSL020", "DSL021" }), ids);
    }

    private const string BlockPath = "/project/Models/Fuzz.block.yaml";
    private const string UsesPath = "/project/Models/Uses.model.yaml";

    /// <summary>A block with parameters, expressions, channels(), a nested block use and two outputs.</summary>
    private const string BlockBase = """
        block: FuzzBlock
        namespace: Fuzz.Models
        parameters:
          filters: int
          stride: 1
          activation: relu
          rate: { type: float, default: 0.1 }
        layers:
          - conv2d: { filters: $filters * 2, kernel_size: 3, strides: $stride, padding: same, activation: $activation, name: stem }
          - batch_normalization: { epsilon: 1.001e-5 }
          - conv2d: { filters: int(channels(stem) / 2), kernel_size: [1, $stride + 2], padding: same }
          - conv2d: { filters: $filters, kernel_size: 1, strides: $stride, from: input, name: shortcut }
          - add: [shortcut, conv2d_1]
          - FuzzInner: { units: $filters, from: add_1, name: inner }
          - dropout: { rate: $rate, from: add_1 }
        outputs: [dropout_1, inner]
        """;

    private const string UnitBase = """
        block: FuzzUnit
        namespace: Fuzz.Models
        parameters: { filters: int, stride: 1, activation: relu }
        layers:
          - conv2d: { filters: $filters, kernel_size: 3, strides: $stride, padding: same, activation: $activation }
        """;

    private const string InnerBase = """
        block: FuzzInner
        namespace: Fuzz.Models
        parameters: { units: int }
        layers:
          - global_average_pooling2d
          - dense: { units: "max($units, 2)", activation: tanh }
        """;

    /// <summary>A model of two inputs using the block, repeated with first/rest arguments, and a reused layer.</summary>
    private const string UsesBase = """
        model: FuzzUses
        namespace: Fuzz.Models
        inputs:
          image: [3, 16, 16]
          pixels: { features: 4, dtype: uint8 }
        layers:
          - conv2d: { filters: 8, kernel_size: 3, padding: same, from: image, name: stem }
          - FuzzBlock: { filters: 4, stride: 2, activation: tanh, from: stem, name: stage }
          - FuzzUnit: { filters: 6, repeat: 2, first: { stride: 2 }, rest: { activation: elu }, from: stage.dropout_1, name: units }
          - flatten
          - dense: { units: 4, name: projected }
          - rescaling: { scale: 0.004, from: pixels }
          - dense: { units: 4, name: shared }
          - reuse: { layer: shared, from: projected }
          - concatenate: [shared, shared_2, stage.inner]
          - dense: { units: 3, activation: softmax, name: classes }
        outputs: [classes, stage.inner]
        """;

    private static readonly string[] BlockReferences = { "$filters", "$stride", "$filtres", "$nothing", "$rate", "$activation", "channels(input)", "channels(nowhere)", "3.5", "-1", "0" };

    [Fact]
    public void The_block_base_specs_are_valid()
    {
        var run = GeneratorHarness.Run(additionalTexts: new[] { new InMemoryAdditionalText(BlockPath, BlockBase), new InMemoryAdditionalText("/project/Models/Inner.block.yaml", InnerBase), new InMemoryAdditionalText("/project/Models/Unit.block.yaml", UnitBase), new InMemoryAdditionalText(UsesPath, UsesBase) });
        run.AssertGeneratorHealthy();
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics));
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains("Fuzz.Models.FuzzBlock.block.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void Random_damaged_block_and_use_specs_never_make_the_generator_fail()
    {
        var random = new Random(Seed + 1);
        var session = GeneratorHarness.Start(additionalTexts: new[]
        {
            new InMemoryAdditionalText(BlockPath, BlockBase), new InMemoryAdditionalText("/project/Models/Inner.block.yaml", InnerBase),
            new InMemoryAdditionalText("/project/Models/Unit.block.yaml", UnitBase), new InMemoryAdditionalText(UsesPath, UsesBase),
        });
        session.Run().AssertGeneratorHealthy();

        int generated = 0;
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Documents / 2; i++)
        {
            // Damage the block or the model that uses it, leaving the other as it was.
            bool block = random.Next(2) == 0;
            var document = Mutate(random, block ? BlockBase : UsesBase);
            if (random.Next(3) == 0)
                document = ReplaceReference(random, document);
            session.ReplaceAdditionalText(BlockPath, block ? document : BlockBase);
            session.ReplaceAdditionalText(UsesPath, block ? UsesBase : document);
            try
            {
                var run = session.Run();
                run.AssertGeneratorHealthy();
                foreach (var diagnostic in run.GeneratorDiagnostics)
                {
                    ids.Add(diagnostic.Id);
                    var path = diagnostic.Location.GetLineSpan().Path;
                    Assert.Contains(path, new[] { BlockPath, UsesPath, "/project/Models/Inner.block.yaml", "/project/Models/Unit.block.yaml" });
                    AssertInFile(diagnostic, path == BlockPath ? (block ? document : BlockBase) : path == UsesPath ? (block ? UsesBase : document) : path.EndsWith("Inner.block.yaml", StringComparison.Ordinal) ? InnerBase : UnitBase, path);
                }
                if (run.GeneratedSources.Keys.Any(k => k.Contains(".model-yaml", StringComparison.Ordinal)))
                {
                    generated++;
                    var errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    Assert.True(errors.Count == 0, string.Join("\n", errors));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _output.WriteLine("Document " + i + " (seed " + (Seed + 1) + ", " + (block ? "the block" : "the model") + "):\n" + Escape(document));
                throw;
            }
        }
        _output.WriteLine(generated + " of " + Documents / 2 + " generated; diagnostics seen: " + string.Join(", ", ids));
        Assert.InRange(generated, Documents / 40, Documents / 2 - Documents / 10);
        // The damage reaches the block checks: arguments, expressions, a use that fails inside, a block with errors.
        Assert.Superset(new SortedSet<string>(new[] { "DSL042", "DSL044", "DSL045", "DSL046", "DSL047" }), ids);
    }

    /// <summary>A parameter reference or an argument value replaced by another: unknown, of another type, out of range.</summary>
    private static string ReplaceReference(Random random, string document)
    {
        var matches = System.Text.RegularExpressions.Regex.Matches(document, @"\$[a-z]+|channels\([a-z_0-9]+\)|(?<=: )[0-9]+(?=[,} ])");
        if (matches.Count == 0)
            return document;
        var match = matches[random.Next(matches.Count)];
        return document.Remove(match.Index, match.Length).Insert(match.Index, Pick(random, BlockReferences));
    }

    private static void AssertInFile(Diagnostic diagnostic, string document, string path)
    {
        Assert.Equal(path, diagnostic.Location.GetLineSpan().Path);
        Assert.InRange(diagnostic.Location.SourceSpan.End, diagnostic.Location.SourceSpan.Start, document.Length);
    }

    private static void AssertInFile(Diagnostic diagnostic, string document)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(Path, span.Path);
        Assert.InRange(diagnostic.Location.SourceSpan.End, diagnostic.Location.SourceSpan.Start, document.Length);
        Assert.True(span.StartLinePosition <= span.EndLinePosition);
    }

    private static string Mutate(Random random, string document)
    {
        var lines = document.Split('\n').ToList();
        // Half the time without expect_parameters, which otherwise turns most layer changes into DSL008.
        if (random.Next(2) == 0)
        {
            int expect = lines.FindIndex(l => l.StartsWith("expect_parameters", StringComparison.Ordinal));
            if (expect >= 0)
                lines.RemoveRange(expect, lines.Count - expect);
        }
        // Mostly one mutation, so that a fair share of documents stays valid and reaches the emitter.
        int mutations = random.Next(2) == 0 ? 1 : 2 + random.Next(3);
        for (int m = 0; m < mutations && lines.Count > 0; m++)
        {
            int at = random.Next(lines.Count);
            string line = lines[at];
            switch (random.Next(17))
            {
                case 15:
                {
                    // Graph damage: a reference or a name replaced by another (unknown, later, itself, a duplicate).
                    var match = System.Text.RegularExpressions.Regex.Match(line, "(stem|branch|side|joined|add_1)");
                    lines[at] = match.Success ? line.Remove(match.Index, match.Length).Insert(match.Index, Pick(random, References)) : line;
                    break;
                }
                case 16:
                {
                    // A layer with another number of channels, so that a merge taking it may no longer fit.
                    var convolutions = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains("filters: ", StringComparison.Ordinal)).ToList();
                    if (convolutions.Count > 0)
                    {
                        int target = convolutions[random.Next(convolutions.Count)];
                        lines[target] = System.Text.RegularExpressions.Regex.Replace(lines[target], "filters: [0-9]+", "filters: " + Invariant(1 + random.Next(9)));
                    }
                    break;
                }
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, line);
                    break;
                case 2:
                {
                    int other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                }
                case 3:
                {
                    // Replace a value (what follows the first ': ').
                    int colon = line.IndexOf(": ", StringComparison.Ordinal);
                    lines[at] = colon < 0 ? line + " " + Pick(random, Values) : line.Substring(0, colon + 2) + Pick(random, Values);
                    break;
                }
                case 4:
                {
                    // Misspell a key.
                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        int position = random.Next(colon);
                        var text = new StringBuilder(line);
                        switch (random.Next(3))
                        {
                            case 0: text.Remove(position, 1); break;
                            case 1: text.Insert(position, (char)('a' + random.Next(26))); break;
                            default: text[position] = (char)('a' + random.Next(26)); break;
                        }
                        lines[at] = text.ToString();
                    }
                    break;
                }
                case 5:
                    lines[at] = random.Next(2) == 0 ? new string(' ', 1 + random.Next(4)) + line : line.TrimStart();
                    break;
                case 6:
                    lines[at] = line.Insert(random.Next(line.Length + 1), "\t");
                    break;
                case 7:
                    lines[at] = line.Insert(random.Next(line.Length + 1), Pick(random, Unicode));
                    break;
                case 8:
                {
                    var number = Pick(random, new[] { "99999999999999999999999", "-2147483649", "2147483648", "1e309", "-0", "0", "1_000_000_000_000", "000", "+5", "2147483647", "1073741824", "1000000000", "46341" });
                    lines[at] = System.Text.RegularExpressions.Regex.Replace(line, "[0-9]+", number);
                    break;
                }
                case 9:
                {
                    int depth = 1 + random.Next(300);
                    string open = random.Next(2) == 0 ? "[" : "{a: ";
                    string close = open == "[" ? "]" : "}";
                    int colon = line.IndexOf(": ", StringComparison.Ordinal);
                    string nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, random.Next(depth + 1)));
                    lines[at] = colon < 0 ? nested : line.Substring(0, colon + 2) + nested;
                    break;
                }
                case 10:
                    lines[at] = line.Insert(random.Next(line.Length + 1), Syntax[random.Next(Syntax.Length)].ToString());
                    break;
                case 11:
                    lines.RemoveRange(at, lines.Count - at);
                    if (lines.Count > 0)
                        lines[^1] = lines[^1].Substring(0, random.Next(lines[^1].Length + 1));
                    break;
                case 12:
                    lines[at] = line + (random.Next(2) == 0 ? " &x" : " *x");
                    break;
                case 13:
                {
                    // Deep block nesting.
                    int depth = 1 + random.Next(60);
                    lines.InsertRange(at, Enumerable.Range(0, depth).Select(d => new string(' ', 2 * d) + "k" + d + ":"));
                    break;
                }
                default:
                {
                    var garbage = new StringBuilder();
                    int length = random.Next(40);
                    for (int c = 0; c < length; c++)
                        garbage.Append(random.Next(3) == 0 ? Syntax[random.Next(Syntax.Length)] : (char)random.Next(32, 127));
                    lines[at] = garbage.ToString();
                    break;
                }
            }
        }
        return string.Join(random.Next(10) == 0 ? "\r\n" : "\n", lines);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Pick(Random random, IReadOnlyList<string> items) => items[random.Next(items.Count)];

    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (char c in text)
            escaped.Append(c == '\n' || (c >= ' ' && c < 0x7f) ? c.ToString() : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
        return escaped.ToString();
    }
}
