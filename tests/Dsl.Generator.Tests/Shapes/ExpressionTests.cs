using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Expressions;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Shapes;

/// <summary>
/// Block expressions: Python's integer arithmetic (what Keras's application code computes with), checked operations,
/// and the functions that read shapes, <c>channels()</c>, <c>height()</c> and <c>width()</c>.
/// </summary>
public class ExpressionTests
{
    /// <summary>A scope with parameters filters = 64 and rate = 0.5, and values input (16, 7, 9) and flat (10).</summary>
    private sealed class Scope : IExpressionScope
    {
        private readonly Dictionary<string, Value> _parameters = new()
        {
            ["filters"] = Value.OfInteger(64),
            ["rate"] = Value.OfNumber(0.5),
        };

        private readonly Dictionary<string, int[]?> _values = new()
        {
            ["input"] = new[] { 16, 7, 9 },
            ["flat"] = new[] { 10 },
            ["pending"] = null,
        };

        public IEnumerable<string> ParameterNames => _parameters.Keys;

        public bool TryGetParameter(string name, out ParameterType type, out Value? value)
        {
            bool found = _parameters.TryGetValue(name, out var known);
            type = found ? known.Type : ParameterType.Integer;
            value = found ? known : null;
            return found;
        }

        public bool TryGetShape(string value, out IReadOnlyList<int>? shape)
        {
            bool found = _values.TryGetValue(value, out var known);
            shape = known;
            return found;
        }
    }

    private static Value Of(string text)
    {
        var evaluation = ExpressionEvaluator.Evaluate(text, null, new Scope());
        Assert.True(evaluation.Error is null, text + ": " + evaluation.Error);
        return evaluation.Value!.Value;
    }

    private static string ErrorOf(string text)
    {
        var evaluation = ExpressionEvaluator.Evaluate(text, null, new Scope());
        Assert.True(evaluation.Failed, text + " gave " + evaluation.Value);
        return evaluation.Error!;
    }

    [Theory]
    // Python: -7 // 2 == -4, -7 % 2 == 1, 7 % -2 == -1; / is true division.
    [InlineData("-7 // 2", -4L)]
    [InlineData("-7 % 2", 1L)]
    [InlineData("7 % -2", -1L)]
    [InlineData("$filters * 4 + 1", 257L)]
    [InlineData("$filters // 3", 21L)]
    [InlineData("int(-2.5)", -2L)]
    [InlineData("round(2.5)", 2L)]
    [InlineData("round(3.5)", 4L)]
    [InlineData("floor(-0.5)", -1L)]
    [InlineData("ceil($rate)", 1L)]
    [InlineData("max(1, $filters // 8, 3)", 8L)]
    [InlineData("channels(input) * 6", 96L)]
    [InlineData("height(input)", 7L)]
    [InlineData("width(input)", 9L)]
    [InlineData("channels(flat)", 10L)]
    public void Integers_follow_python(string text, long expected)
    {
        var value = Of(text);
        Assert.Equal(ParameterType.Integer, value.Type);
        Assert.Equal(expected, value.Integer);
    }

    [Theory]
    [InlineData("$filters / 128", 0.5)]
    [InlineData("float(3) * $rate", 1.5)]
    [InlineData("min($rate, 0.25)", 0.25)]
    public void Division_and_floats_give_numbers(string text, double expected)
    {
        var value = Of(text);
        Assert.Equal(ParameterType.Number, value.Type);
        Assert.Equal(expected, value.Number, 12);
    }

    /// <summary>MobileNetV2's correct_pad(x, 3) on one axis: (1 - adjust, 1) with adjust = 1 - size % 2.</summary>
    [Fact]
    public void Correct_pad_is_size_mod_2()
    {
        Assert.Equal(1L - (1 - 7 % 2), Of("height(input) % 2").Integer);
        Assert.Equal(1L - (1 - 9 % 2), Of("1 - (1 - width(input) % 2)").Integer);
    }

    [Theory]
    [InlineData("1 // 0", "zero")]
    [InlineData("5 % 0", "zero")]
    [InlineData("9223372036854775807 + 1", "overflow")]
    [InlineData("height(flat)", "reads an image (channels, height, width), but 'flat' is (10)")]
    [InlineData("width(nowhere)", "'nowhere' names no block input or layer above")]
    [InlineData("height(2)", "takes the name of a block input or of a layer above")]
    [InlineData("heigth(input)", "did you mean 'height'?")]
    [InlineData("$filtres", "filters")]
    public void Errors_say_what_is_wrong(string text, string fragment) =>
        Assert.Contains(fragment, ErrorOf(text), StringComparison.Ordinal);

    [Fact]
    public void A_shape_not_known_yet_types_the_expression_as_an_integer()
    {
        var evaluation = ExpressionEvaluator.Evaluate("height(pending) + 1", null, new Scope());
        Assert.False(evaluation.Failed);
        Assert.Null(evaluation.Value);
        Assert.Equal(ParameterType.Integer, evaluation.Type);
    }

    /// <summary>
    /// Keras's correct_pad then a valid stride-2 depthwise convolution halves any size rounding up, as TensorFlow's
    /// 'same' does: 112 → 56 and 49 → 25. The block computes the padding from its input's height and width.
    /// </summary>
    [Theory]
    [InlineData(112, 56)]
    [InlineData(49, 25)]
    public void A_padding_computed_from_the_input_fits_odd_and_even_sizes(int size, int expected)
    {
        const string Block = """
            block: Down
            namespace: App
            layers:
              - zero_padding2d: { padding: [[height(input) % 2, 1], [width(input) % 2, 1]], name: pad }
              - depthwise_conv2d: { kernel_size: 3, strides: 2, padding: valid, name: depthwise }
            """;
        string model = "model: Net\nnamespace: App\ninput: [4, " + size + ", " + size + "]\nlayers:\n  - Down: { name: down }\n  - flatten\n";
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Down.block.yaml", Block), GeneratorHarness.Yaml(YamlAssert.FileName, model) });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("down (Down)", run.GeneratedSources["App.Net.model-yaml.g.cs"], StringComparison.Ordinal);
        Assert.Contains($"(None, 4, {expected}, {expected})", run.GeneratedSources["App.Net.model-yaml.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Height_of_a_flat_value_is_reported_at_the_use_that_makes_it_flat()
    {
        // On its own the block cannot know that flatten_1 has no height: the use does.
        const string Block = """
            block: Head
            namespace: App
            layers:
              - flatten
              - dense: { units: height(flatten_1) }
            """;
        const string Model = "model: Net\nnamespace: App\ninput: [3, 8, 8]\nlayers:\n  - Head: { name: head }\n";
        var alone = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Head.block.yaml", Block) });
        Assert.Empty(alone.GeneratorDiagnostics);
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Head.block.yaml", Block), GeneratorHarness.Yaml(YamlAssert.FileName, Model) });
        run.AssertGeneratorHealthy();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL046", diagnostic.Id);
        Assert.Contains("reads an image (channels, height, width), but 'flatten_1' is (192)", diagnostic.GetMessage(), StringComparison.Ordinal);
        YamlAssert.At(diagnostic, Model, 5, 5);
    }
}
