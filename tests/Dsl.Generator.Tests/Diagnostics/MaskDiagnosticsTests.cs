using System;
using System.Linq;
using System.Text.RegularExpressions;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Keras's masks at compile time: which values carry one, what the generated code computes for them, and DSL076 where
/// a mask ends at a layer that does not support masking (Keras 3 warns at run time; here it is a located warning and
/// the model is still generated).
/// </summary>
public class MaskDiagnosticsTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    [Fact]
    public void A_mask_passes_through_dense_and_merges_and_the_average_skips_the_masked_steps()
    {
        var source = Usings + """
            [Input(10, 3)]
            [Masking(Name = "masked")]
            [Dense(4, Name = "a")]
            [Dense(4, From = "masked", Name = "b")]
            [Add("a", "b")]
            [GlobalAvgPool1D]
            [Dense(2)]
            public partial class Padded;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var generated = run.GeneratedSources["App.Padded.g.cs"];
        // One mask, made once from the input; Dense and the merge pass it on (and-ed with itself), the average reads it.
        Assert.Single(Regex.Matches(generated, @"var masked_mask = [^;]*\.ne\(0(\.0)?\)\.any\(-1L\);"));
        Assert.Contains("masked_mask.logical_and(masked_mask)", generated, StringComparison.Ordinal);
        Assert.Matches(@"global::Dsl\.Support\.StepMasks\.Average\(\w+, add_1_mask, false\)", generated);
    }

    [Theory]
    [InlineData("[Conv1D(4, 3)]", "Conv1D")]
    [InlineData("[GlobalMaxPool1D]", "GlobalMaxPooling1D")]
    [InlineData("[Flatten]", "Flatten")]
    public void DSL076_a_mask_reaching_a_layer_without_masking_support_is_a_warning_at_that_layer(string layer, string kerasClass)
    {
        var source = Usings + $"""
            [Input(10, 3)]
            [Masking]
            [Dense(4)]
            {layer}
            public partial class Dropped;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("DSL076", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        DiagnosticAssert.AssertCovers(source, warning, layer.Trim('[', ']'));
        Assert.StartsWith("'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("(" + kerasClass + ") does not support masking, so the mask of 'dense_1' ends here as in Keras 3", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("App.Dropped.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void DSL076_a_mask_does_not_enter_a_block()
    {
        var source = Usings + """
            [Block]
            [Dense(4)]
            public partial class Mix;

            [Input(10, 3)]
            [Masking]
            [Use(typeof(Mix))]
            [GlobalAvgPool1D]
            public partial class IntoBlock;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL076", warning.Id);
        DiagnosticAssert.AssertCovers(source, warning, "Use(typeof(Mix))");
        Assert.Contains("a block takes no masks yet", warning.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void DSL076_in_yaml_is_reported_at_the_layer_entry()
    {
        const string Yaml = """
            model: Net
            input: [10, 3]
            layers:
              - masking: -1
              - conv1d: { filters: 4, kernel_size: 3 }
              - flatten
            """;
        var run = YamlAssert.Run(Yaml);
        var warning = YamlAssert.Single(run, "DSL076");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        YamlAssert.At(warning, Yaml, 5, 5, "conv1d: { filters: 4, kernel_size: 3 }");
    }

    [Fact]
    public void A_conv1d_run_is_transposed_where_it_begins_and_ends_only()
    {
        var source = Usings + """
            [Input(32, 4)]
            [Conv1D(8, 3, Activation = Activation.ReLU)]
            [Dropout(0.1)]
            [Conv1D(8, 3, Padding = Padding.Same)]
            [BatchNorm]
            [MaxPool1D(2)]
            [Dense(3, Activation = Activation.Softmax)]
            public partial class Run1D;
            """;
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        var generated = run.GeneratedSources["App.Run1D.g.cs"];
        int start = generated.IndexOf("ForwardLogits(", StringComparison.Ordinal);
        string forward = generated[start..generated.IndexOf("return", start, StringComparison.Ordinal)];
        Assert.Equal(2, Regex.Matches(forward, @"\.transpose\(1L, 2L\)").Count);
        // The softmax over the classes, the last axis of the (steps, 3) output.
        Assert.Contains("softmax(", generated, StringComparison.Ordinal);
        Assert.Contains(", 2L)", generated[generated.IndexOf("softmax(", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}
