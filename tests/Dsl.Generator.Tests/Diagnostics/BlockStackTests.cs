using System;
using System.Linq;
using Dsl.Generator.Emit;
using Dsl.Generator.Pipeline;
using Dsl.Generator.Yaml;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// A repeated use whose first (or later) copies are another block, Keras's stage of a projection block followed by
/// identity blocks (ResNet's <c>conv2_block1</c> … <c>conv2_block3</c>), and blocks that fail to parse, which stay
/// known so that their uses say "block with errors" instead of "unknown block".
/// </summary>
public class BlockStackTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    /// <summary>Projection: the shortcut is a 1x1 convolution, so the channels may change.</summary>
    private const string ConvUnitYaml = """
        block: ConvUnit
        namespace: App
        parameters: { filters: int, stride: 2 }
        layers:
          - conv2d: { filters: $filters, kernel_size: 3, strides: $stride, padding: same, activation: relu }
          - conv2d: { filters: $filters, kernel_size: 1, strides: $stride, from: input, name: shortcut }
          - add: [shortcut, conv2d_1]
        """;

    /// <summary>Identity: the shortcut is the input, so the channels must already be the filters.</summary>
    private const string IdentityUnitYaml = """
        block: IdentityUnit
        namespace: App
        parameters: { filters: int }
        layers:
          - conv2d: { filters: $filters, kernel_size: 3, padding: same, activation: relu }
          - add: [input, conv2d_1]
        """;

    private const string StageYaml = """
        model: Staged
        namespace: App
        input: [3, 16, 16]
        layers:
          - IdentityUnit: { filters: 8, repeat: 3, first: { block: ConvUnit, stride: 1 }, name: conv2 }
          - IdentityUnit: { filters: 16, repeat: 2, first: { block: ConvUnit }, name: conv3 }
          - global_average_pooling2d
          - dense: 10
        """;

    private const string ConvUnitAttributes = """
        [Block]
        [Param("filters", typeof(int))]
        [Param("stride", 2)]
        [Conv2D("filters: $filters, kernel_size: 3, strides: $stride, padding: same", Activation = Activation.ReLU)]
        [Conv2D("filters: $filters, kernel_size: 1, strides: $stride", From = "input", Name = "shortcut")]
        [Add("shortcut", "conv2d_1")]
        public partial class ConvUnit;

        [Block]
        [Param("filters", typeof(int))]
        [Conv2D("filters: $filters, kernel_size: 3, padding: same", Activation = Activation.ReLU)]
        [Add("input", "conv2d_1")]
        public partial class IdentityUnit;

        """;

    private static GeneratorRun RunYaml(string model, string? identity = null) => GeneratorHarness.Run(additionalTexts: new[]
    {
        GeneratorHarness.Yaml("ConvUnit.block.yaml", ConvUnitYaml),
        GeneratorHarness.Yaml("IdentityUnit.block.yaml", identity ?? IdentityUnitYaml),
        GeneratorHarness.Yaml(YamlAssert.FileName, model),
    });

    [Fact]
    public void The_first_copy_may_be_another_block_and_the_copies_keep_one_numbering()
    {
        var run = RunYaml(StageYaml);
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var source = run.GeneratedSources["App.Staged.model-yaml.g.cs"];
        Assert.Contains("public readonly global::App.ConvUnit conv2_block1;", source, StringComparison.Ordinal);
        Assert.Contains("public readonly global::App.IdentityUnit conv2_block2;", source, StringComparison.Ordinal);
        Assert.Contains("public readonly global::App.IdentityUnit conv2_block3;", source, StringComparison.Ordinal);
        Assert.Contains("public readonly global::App.ConvUnit conv3_block1;", source, StringComparison.Ordinal);
        Assert.Contains("public readonly global::App.IdentityUnit conv3_block2;", source, StringComparison.Ordinal);

        var analysis = run.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();
        string summary = SummaryWriter.Write(analysis, expand: false);
        // ConvUnit(3→8, stride 1): 3·8·9 + 8 + 3·8 + 8 = 256; IdentityUnit(8): 8·8·9 + 8 = 584, twice.
        Assert.Contains("conv2_block1 (ConvUnit)", summary, StringComparison.Ordinal);
        Assert.Matches(@"conv2_block1 \(ConvUnit\)\s+\(None, 8, 16, 16\)\s+256\b", summary);
        Assert.Matches(@"conv2_block3 \(IdentityUnit\)\s+\(None, 8, 16, 16\)\s+584\b", summary);
        // ConvUnit(8→16, stride 2): 8·16·9 + 16 + 8·16 + 16 = 1,312.
        Assert.Matches(@"conv3_block1 \(ConvUnit\)\s+\(None, 16, 8, 8\)\s+1312\b", summary);
        Assert.Equal(256 + 2 * 584 + 1312 + (16 * 16 * 9 + 16) + (16 * 10 + 10), analysis.Parameters);
    }

    [Fact]
    public void The_attribute_form_is_the_same_model()
    {
        var yaml = RunYaml(StageYaml);
        var attributes = GeneratorHarness.Run(new[] { Usings + ConvUnitAttributes + """
            [Input(3, 16, 16)]
            [Use(typeof(IdentityUnit), "filters: 8", Repeat = 3, First = "block: ConvUnit, stride: 1", Name = "conv2")]
            [Use(typeof(IdentityUnit), "filters: 16", Repeat = 2, First = "block: ConvUnit", Name = "conv3")]
            [GlobalAvgPool2D]
            [Dense(10)]
            public partial class Staged;
            """ });
        attributes.AssertGeneratorHealthy();
        Assert.Empty(attributes.GeneratorDiagnostics);
        var fromYaml = yaml.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();
        var fromAttributes = attributes.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single();
        Assert.Equal(SummaryWriter.Write(fromAttributes, expand: true), SummaryWriter.Write(fromYaml, expand: true));
    }

    [Fact]
    public void An_identity_block_first_is_a_shape_error_the_projection_avoids()
    {
        // Without the projection the first identity copy adds 3 channels to 8.
        string model = StageYaml.Replace("first: { block: ConvUnit, stride: 1 }, ", string.Empty, StringComparison.Ordinal);
        var run = RunYaml(model);
        run.AssertGeneratorHealthy();
        var diagnostic = YamlAssert.Single(run, "DSL046");
        Assert.Contains("'conv2_block1' (IdentityUnit", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_block_in_first_is_reported_at_its_name()
    {
        string model = StageYaml.Replace("first: { block: ConvUnit, stride: 1 }", "first: { block: ConvUnt, stride: 1 }", StringComparison.Ordinal);
        var run = RunYaml(model);
        run.AssertGeneratorHealthy();
        var diagnostic = YamlAssert.Single(run, "DSL040");
        YamlAssert.At(diagnostic, model, 5, 60, "ConvUnt");
        Assert.Contains("did you mean 'ConvUnit'?", diagnostic.GetMessage(), StringComparison.Ordinal);
        // The second stage names ConvUnit correctly and is not reported.
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "DSL102");
    }

    [Fact]
    public void Arguments_of_first_are_checked_against_the_block_first_names()
    {
        // 'stride' is ConvUnit's, not IdentityUnit's: fine in first, unknown in the common arguments.
        string model = StageYaml.Replace("{ filters: 16, repeat: 2, first: { block: ConvUnit }", "{ filters: 16, stride: 2, repeat: 2, first: { block: ConvUnit }", StringComparison.Ordinal);
        var run = RunYaml(model);
        run.AssertGeneratorHealthy();
        var diagnostic = YamlAssert.Single(run, "DSL042");
        YamlAssert.At(diagnostic, model, 6, 34, "stride: 2");
        Assert.Contains("IdentityUnit", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_in_the_common_arguments_is_refused()
    {
        string model = StageYaml.Replace("{ filters: 16, repeat: 2,", "{ filters: 16, block: ConvUnit, repeat: 2,", StringComparison.Ordinal);
        var run = RunYaml(model);
        run.AssertGeneratorHealthy();
        Assert.True(run.GeneratorDiagnostics.Any(), "no diagnostic");
        YamlAssert.NoModel(run);
    }

    [Fact]
    public void A_yaml_block_that_fails_to_parse_is_a_block_with_errors_to_its_uses()
    {
        string broken = IdentityUnitYaml.Replace("parameters: { filters: int }", "parameters: { filters: int }\nunknown_key: 3", StringComparison.Ordinal);
        var run = RunYaml(StageYaml, broken);
        run.AssertGeneratorHealthy();
        var ids = run.GeneratorDiagnostics.Select(d => d.Id).ToList();
        Assert.True(ids.Contains("DSL047"), string.Join("\n", run.GeneratorDiagnostics));
        Assert.DoesNotContain("DSL102", ids);
        Assert.DoesNotContain("DSL040", ids);
        YamlAssert.NoModel(run);
    }

    [Fact]
    public void An_attribute_block_that_fails_to_parse_is_a_block_with_errors_to_its_uses()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Block]
            [Param("units", typeof(string))]
            [Dense(4)]
            public partial class Bad;

            [Input(8)]
            [Use(typeof(Bad), "units: 3")]
            public partial class Net;
            """ });
        run.AssertGeneratorHealthy();
        var ids = run.GeneratorDiagnostics.Select(d => d.Id).ToList();
        Assert.Contains("DSL048", ids);
        Assert.Contains("DSL047", ids);
        Assert.DoesNotContain("DSL040", ids);
    }

    [Fact]
    public void A_block_whose_attributes_the_compiler_rejects_is_not_an_unknown_block()
    {
        var run = GeneratorHarness.Run(new[] { Usings + """
            [Block]
            [Conv2D(8, 3, Stide = 2)]
            public partial class Rejected;

            [Input(3, 16, 16)]
            [Use(typeof(Rejected))]
            [Flatten]
            public partial class Net;
            """ });
        run.AssertGeneratorHealthy();
        Assert.Contains("CS0246", run.CompilationDiagnostics.Select(d => d.Id));
        Assert.Equal(new[] { "DSL047" }, run.GeneratorDiagnostics.Select(d => d.Id));
    }
}
