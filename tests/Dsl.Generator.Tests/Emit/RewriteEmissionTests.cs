using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Emit;

/// <summary>
/// Where the generator rewrites a graph and where it must not, read from the code it emits; RewriteTests in the runtime
/// tests hold the rewritten code to the declared layers' numbers.
/// </summary>
public class RewriteEmissionTests
{
    private static string Generate(string attributes, string name = "Net")
    {
        var run = GeneratorHarness.Run(new[] { "using Dsl;\nnamespace App;\n" + attributes + "\npublic partial class " + name + ";\n" });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        return run.GeneratedSources["App." + name + ".g.cs"];
    }

    /// <summary>The statements of ForwardLogits, one a line, without indentation.</summary>
    private static string[] ForwardLines(string source)
    {
        int start = source.IndexOf("ForwardLogits(global::", StringComparison.Ordinal);
        int end = source.IndexOf("return ", start, StringComparison.Ordinal);
        return source[start..end].Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("x = ", StringComparison.Ordinal) || l.StartsWith("if (", StringComparison.Ordinal) || l == "else").ToArray();
    }

    [Fact]
    public void A_non_decreasing_activation_that_only_a_max_pool_reads_is_applied_after_the_pool()
    {
        var lines = ForwardLines(Generate("[Input(1, 8, 8)]\n[Conv2D(4, 3, Activation = Activation.ReLU)]\n[MaxPool2D(2)]\n[Flatten]\n[Dense(2)]"));
        Assert.Equal(new[] { "x = conv2d_1.call(x);", "x = max_pooling2d_1.call(x);", "x = x.relu_();", "x = flatten_1.call(x);", "x = dense_1.call(x);" }, lines);
    }

    [Theory]
    [InlineData("[Rewrites(PoolBeforeActivation = false)]", "[Conv2D(4, 3, Activation = Activation.ReLU)]\n[MaxPool2D(2)]")]
    [InlineData("", "[Conv2D(4, 3, Activation = Activation.GELU)]\n[MaxPool2D(2)]")]
    [InlineData("", "[Conv2D(4, 3, Activation = Activation.Softmax)]\n[MaxPool2D(2)]")]
    [InlineData("", "[Conv2D(4, 3, Activation = Activation.ReLU)]\n[AvgPool2D(2)]")]
    [InlineData("", "[Conv2D(4, 3, Activation = Activation.ReLU)]\n[Dropout(0.5)]\n[MaxPool2D(2)]")]
    public void The_activation_stays_before_the_pool_when_the_rewrite_is_off_or_not_exact(string rewrites, string layers)
    {
        var lines = ForwardLines(Generate("[Input(1, 8, 8)]\n" + layers + "\n[Flatten]\n[Dense(2)]\n" + rewrites));
        // The activation comes straight after the convolution, before any pool.
        Assert.Equal("x = conv2d_1.call(x);", lines[0]);
        Assert.DoesNotContain("pool", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("after the pool", string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public void An_activation_that_another_layer_also_reads_stays_before_the_pool()
    {
        var lines = ForwardLines(Generate("[Input(1, 8, 8)]\n[Conv2D(4, 3, Activation = Activation.ReLU, Name = \"features\")]\n[MaxPool2D(2)]\n[Flatten(Name = \"pooled\")]\n"
            + "[GlobalMaxPool2D(From = \"features\", Name = \"peak\")]\n[Concatenate(\"pooled\", \"peak\")]\n[Dense(2)]"));
        Assert.Equal(new[] { "x = features.call(x);", "x = x.relu_();" }, lines.Take(2));
    }

    [Fact]
    public void A_batch_norm_after_a_convolution_is_folded_in_evaluation_only()
    {
        string source = Generate("[Input(3, 8, 8)]\n[Conv2D(4, 3, UseBias = false)]\n[BatchNorm(Scale = false, Epsilon = 0.01)]\n[Flatten]\n[Dense(2)]");
        Assert.Equal(new[]
        {
            "if (batch_normalization_1.training)",
            "x = conv2d_1.call(x);",
            "x = batch_normalization_1.call(x);",
            "else",
            "x = global::TorchSharp.torch.nn.functional.conv2d(x, conv2d_1_weight, conv2d_1_bias, new long[] { 1L, 1L }, new long[] { 0L, 0L }, new long[] { 1L, 1L }, 1L);",
            "x = flatten_1.call(x);",
            "x = dense_1.call(x);",
        }, ForwardLines(source));
        Assert.Contains("var (conv2d_1_weight, conv2d_1_bias) = global::Dsl.Support.BatchNormFolding.Fold(conv2d_1.weight!, null, null, batch_normalization_1.bias, batch_normalization_1.running_mean!, batch_normalization_1.running_var!, 0.01);", source, StringComparison.Ordinal);
        Assert.Contains("var conv2d_1_folded = onnx.FoldBatchNorm(\"conv2d_1\", \"batch_normalization_1\", 0.01);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Node(\"BatchNormalization\"", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Rewrites(FoldBatchNorm = false)]", "[Conv2D(4, 3)]\n[BatchNorm]")]
    [InlineData("", "[Conv2D(4, 3, Activation = Activation.ReLU)]\n[BatchNorm]")]
    [InlineData("", "[Conv2DTranspose(4, 3)]\n[BatchNorm]")]
    [InlineData("", "[Conv2D(4, 3, Name = \"features\")]\n[BatchNorm]\n[Flatten(Name = \"normalised\")]\n[Flatten(From = \"features\", Name = \"raw\")]\n[Concatenate(\"normalised\", \"raw\")]")]
    public void A_batch_norm_stays_when_the_rewrite_is_off_or_not_exact(string rewrites, string layers)
    {
        string source = Generate("[Input(3, 8, 8)]\n" + layers + "\n[Flatten]\n[Dense(2)]\n" + rewrites);
        Assert.DoesNotContain(".training)", source, StringComparison.Ordinal);
        Assert.DoesNotContain("BatchNormFolding", source, StringComparison.Ordinal);
        Assert.Contains("Node(\"BatchNormalization\"", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rescaling_before_a_convolution_is_folded_in_evaluation_only()
    {
        string source = Generate("[Input(3, 8, 8, DType = DType.UInt8)]\n[Rescaling(1.0 / 255, Offset = -1.0)]\n[Conv2D(4, 3)]\n[Flatten]\n[Dense(2)]");
        Assert.Equal(new[]
        {
            "if (training)",
            "x = (x.to_type(global::TorchSharp.torch.ScalarType.Float32) * 0.00392156862745098 - 1.0);",
            "x = conv2d_1.call(x);",
            "else",
            "x = global::TorchSharp.torch.nn.functional.conv2d(x.to_type(global::TorchSharp.torch.ScalarType.Float32), conv2d_1_weight, conv2d_1_bias, new long[] { 1L, 1L }, new long[] { 0L, 0L }, new long[] { 1L, 1L }, 1L);",
            "x = flatten_1.call(x);",
            "x = dense_1.call(x);",
        }, ForwardLines(source));
        Assert.Contains("global::Dsl.Support.RescalingFolding.Fold(conv2d_1.weight!, conv2d_1.bias, new float[] { (float)0.00392156862745098 }, -1.0);", source, StringComparison.Ordinal);
        Assert.Contains("onnx.FoldRescaling(\"conv2d_1\"", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Rewrites(FoldRescaling = false)]", "[Rescaling(0.5)]\n[Conv2D(4, 3)]")]
    [InlineData("", "[Rescaling(0.5, Offset = 1.0)]\n[Conv2D(4, 3, Padding = Padding.Same)]")]
    [InlineData("", "[Rescaling(0.5)]\n[Conv2D(6, 3, Groups = 3)]")]
    [InlineData("", "[Rescaling(0.5)]\n[DepthwiseConv2D(3)]")]
    public void A_rescaling_stays_when_the_rewrite_is_off_or_not_exact(string rewrites, string layers)
    {
        string source = Generate("[Input(3, 8, 8)]\n" + layers + "\n[Flatten]\n[Dense(2)]\n" + rewrites);
        Assert.DoesNotContain("RescalingFolding", source, StringComparison.Ordinal);
        Assert.DoesNotContain("FoldRescaling", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_switches_the_rewrites_as_the_attribute_does()
    {
        const string Yaml = "model: Net\nnamespace: App\ninput: [1, 8, 8]\nlayers:\n  - conv2d: { filters: 4, kernel_size: 3, activation: relu }\n  - batch_normalization\n"
            + "  - max_pooling2d: 2\n  - conv2d: { filters: 4, kernel_size: 1, activation: relu }\n  - max_pooling2d: 2\n  - flatten\n  - dense: 2\n"
            + "rewrites: { pool_before_activation: false, fold_batch_norm: true }\n";
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Net.model.yaml", Yaml) });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        var lines = ForwardLines(run.GeneratedSources.Single(s => s.Key.Contains("Net", StringComparison.Ordinal)).Value);
        Assert.Equal(new[] { "x = conv2d_2.call(x);", "x = x.relu_();", "x = max_pooling2d_2.call(x);" }, lines.SkipWhile(l => l != "x = conv2d_2.call(x);").Take(3));
    }

    [Fact]
    public void A_block_cannot_take_rewrites()
    {
        var run = GeneratorHarness.Run(new[] { "using Dsl;\nnamespace App;\n[Block]\n[Rewrites(FoldBatchNorm = false)]\n[Dense(2)]\npublic partial class Head;\n" });
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "DSL054");
        Assert.Contains("cannot take [Rewrites]", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_spec_cannot_take_rewrites()
    {
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Head.block.yaml", "block: Head\nnamespace: App\nlayers:\n  - dense: 2\nrewrites: { fold_batch_norm: false }\n") });
        Assert.Contains(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("rewrites", StringComparison.Ordinal));
    }
}
