using System;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Pipeline;
using Dsl.Generator.Yaml;
using Dsl.Generator.Tests.Diagnostics;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Dsl.Generator.Tests.Yaml.YamlAssert;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// Blocks, several inputs and outputs, and reuse in YAML: the same analysis as the attribute form, and every problem at
/// its line and column, in the file of the block or of the model it belongs to.
/// </summary>
public class YamlBlockTests
{
    public const string ResBlockYaml = """
        block: ResBlock
        namespace: App
        parameters:
          filters: int
          stride: 1
        layers:
          - conv2d: { filters: $filters, kernel_size: 3, strides: $stride, padding: same, activation: relu }
          - conv2d: { filters: $filters, kernel_size: 3, padding: same }
          - conv2d: { filters: $filters, kernel_size: 1, strides: $stride, from: input, name: shortcut }
          - add: [shortcut, conv2d_2]
          - activation: relu
        """;

    public const string NetYaml = """
        model: Net
        namespace: App
        input: [1, 28, 28]
        layers:
          - conv2d: { filters: 16, kernel_size: 3, padding: same, name: stem }
          - ResBlock: { filters: 16, repeat: 2, name: stage1 }
          - ResBlock: { filters: 32, stride: 2, name: stage2 }
          - global_average_pooling2d
          - dense: { units: 10, activation: softmax }
        """;

    private const string NetAttributes = """

        [Input(1, 28, 28)]
        [Conv2D(16, 3, Padding = Padding.Same, Name = "stem")]
        [Use(typeof(ResBlock), "filters: 16", Repeat = 2, Name = "stage1")]
        [Use(typeof(ResBlock), "filters: 32, stride: 2", Name = "stage2")]
        [GlobalAvgPool2D]
        [Dense(10, Activation = Activation.Softmax)]
        public partial class Net;
        """;

    [Fact]
    public void A_yaml_block_and_model_equal_their_attribute_twins()
    {
        var yaml = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("ResBlock.block.yaml", ResBlockYaml), GeneratorHarness.Yaml("Net.model.yaml", NetYaml) });
        yaml.AssertGeneratorHealthy();
        Assert.Empty(yaml.GeneratorDiagnostics);
        Assert.Empty(yaml.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var attributes = GeneratorHarness.Run(new[] { "using Dsl;\nnamespace App;\n" + BlockDiagnosticsTests.ResBlock + NetAttributes });
        Assert.Empty(attributes.GeneratorDiagnostics);

        var fromYaml = yaml.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();
        var fromAttributes = attributes.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single();
        // Same graph: nodes, their instances, counts, the code they become; only where each was declared differs.
        Assert.Equal(SummaryWriter.Write(fromAttributes, expand: true), SummaryWriter.Write(fromYaml, expand: true));
        Assert.Equal(
            attributes.GeneratedSources["App.Net.g.cs"].Replace("from attributes", "from Net.model.yaml", StringComparison.Ordinal).Replace("\"attributes\"", "\"Net.model.yaml\"", StringComparison.Ordinal),
            yaml.GeneratedSources["App.Net.model-yaml.g.cs"]);
        Assert.Equal(Normalise(attributes.GeneratedSources["App.ResBlock.block.g.cs"]), Normalise(yaml.GeneratedSources["App.ResBlock.block.g.cs"]));
    }

    [Fact]
    public void An_unknown_block_key_is_DSL102_with_the_nearest_block_or_kind()
    {
        string yaml = NetYaml.Replace("- ResBlock: { filters: 32", "- ResBlok: { filters: 32", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("ResBlock.block.yaml", ResBlockYaml), GeneratorHarness.Yaml(FileName, yaml) });
        var diagnostic = Single(run, "DSL102");
        At(diagnostic, yaml, 7, 5, "ResBlok");
        Assert.Contains("did you mean 'ResBlock'?", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("the blocks are ResBlock", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_argument_is_reported_at_its_key_and_value()
    {
        string yaml = NetYaml.Replace("{ filters: 32, stride: 2", "{ filters: 32, strid: 2", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("ResBlock.block.yaml", ResBlockYaml), GeneratorHarness.Yaml(FileName, yaml) });
        var diagnostic = Single(run, "DSL042");
        At(diagnostic, yaml, 7, 30, "strid: 2");
        Assert.Contains("did you mean 'stride'?", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shape_error_inside_a_yaml_block_points_at_the_use_and_at_the_block_file()
    {
        string block = ResBlockYaml.Replace("kernel_size: 3, strides: $stride, padding: same", "kernel_size: 3, strides: $stride", StringComparison.Ordinal);
        string model = NetYaml.Replace("input: [1, 28, 28]", "input: [1, 2, 2]", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("ResBlock.block.yaml", block), GeneratorHarness.Yaml(FileName, model) });
        var diagnostic = Single(run, "DSL046");
        At(diagnostic, model, 6, 5);
        var inner = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("/project/Models/ResBlock.block.yaml", inner.GetLineSpan().Path);
        Assert.Equal(7, inner.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("'stage1_block1' (ResBlock, input (16, 2, 2), filters 16, stride 1)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("filters: int", "int", false)]
    [InlineData("filters: 64", "int", true)]
    [InlineData("rate: 0.5", "float", true)]
    [InlineData("bias: true", "bool", true)]
    [InlineData("act: relu", "activation", true)]
    [InlineData("pad: same", "padding", true)]
    [InlineData("act: activation", "activation", false)]
    [InlineData("rate: { type: float, default: 1 }", "float", true)]
    public void A_parameter_is_a_type_a_default_or_both(string declaration, string type, bool hasDefault)
    {
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("P.block.yaml", "block: P\nparameters: { " + declaration + " }\nlayers: [flatten]\n") });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        var spec = run.StepOutputs(TrackingNames.YamlModels).Select(o => ((ParseResult)o.Value).Spec!).Single();
        var parameter = Assert.Single(spec.Parameters);
        Assert.Equal((type, hasDefault), (parameter.Type, parameter.Default is not null));
    }

    [Fact]
    public void A_parameter_whose_default_fits_no_type_is_reported_at_it()
    {
        const string Yaml = "block: P\nparameters:\n  units: [1, 2]\nlayers: [flatten]\n";
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml(FileName.Replace(".model.", ".block.", StringComparison.Ordinal), Yaml) });
        var diagnostic = Single(run, "DSL104");
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void Several_typed_inputs_and_named_outputs_generate_a_typed_forward()
    {
        const string Yaml = """
            model: TwoHeads
            namespace: App
            inputs:
              image: [1, 28, 28]
              pixels: { features: 784, dtype: uint8 }
            layers:
              - flatten: { from: image }
              - rescaling: { scale: 0.00392156862745098, from: pixels }
              - concatenate: [flatten_1, rescaling_1]
              - dense: { units: 10, activation: softmax, name: digits }
              - dense: { units: 2, from: concatenate_1, name: parity }
            outputs: [digits, parity]
            """;
        var run = Run(Yaml);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var source = run.GeneratedSources["App.TwoHeads.model-yaml.g.cs"];
        Assert.Contains("Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor, global::App.TwoHeads.Outputs>", source, StringComparison.Ordinal);
        Assert.Contains("public override Outputs forward(global::TorchSharp.torch.Tensor image, global::TorchSharp.torch.Tensor pixels)", source, StringComparison.Ordinal);
        Assert.Contains("public sealed record Outputs(global::TorchSharp.torch.Tensor digits, global::TorchSharp.torch.Tensor parity);", source, StringComparison.Ordinal);
        Assert.Contains("new global::Dsl.InputInfo(\"pixels\", global::Dsl.Support.ShapeList.Of(784), global::Dsl.DType.UInt8)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reuse_names_its_layer_in_either_form()
    {
        const string Yaml = """
            model: Twin
            namespace: App
            inputs: { left: [8], right: [8] }
            layers:
              - dense: { units: 4, from: left, name: encoder }
              - reuse: { layer: encoder, from: right }
              - reuse: { layer: encoder, from: left, name: again }
              - add: [encoder, encoder_2, again]
            """;
        var run = Run(Yaml);
        Assert.Empty(run.GeneratorDiagnostics);
        var source = run.GeneratedSources["App.Twin.model-yaml.g.cs"];
        // One module, called three times.
        Assert.Single(source.Split('\n'), l => l.Contains("public readonly global::TorchSharp.Modules.Linear", StringComparison.Ordinal));
        Assert.Equal(3, source.Split('\n').Count(l => l.Contains("= encoder.call(", StringComparison.Ordinal)));
        Assert.Contains("encoder[2][0]", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_arguments_are_strings_unless_they_read_parameters()
    {
        string yaml = NetYaml.Replace("{ filters: 32, stride: 2", "{ filters: \"32\", stride: 2", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("ResBlock.block.yaml", ResBlockYaml), GeneratorHarness.Yaml(FileName, yaml) });
        var diagnostic = Single(run, "DSL104");
        At(diagnostic, yaml, 7, 26, "\"32\"");
    }

    /// <summary>The generator's name for the file it came from, the only difference between the twins' block classes.</summary>
    private static string Normalise(string source) => source.Replace("from ResBlock.block.yaml", "from attributes", StringComparison.Ordinal);
}
