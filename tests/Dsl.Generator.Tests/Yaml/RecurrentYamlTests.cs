using System;
using System.IO;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers;
using Dsl.Generator.Pipeline;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using static Dsl.Generator.Tests.Yaml.YamlAssert;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// The recurrent kinds and the wrappers in YAML, under Keras's names: a twin of an attribute model (the wrapper's
/// <c>layer</c> entry against the attribute on the next line), the README's example in both forms, block parameters
/// inside a wrapped layer, and every error at its line and column (inside the wrapped entry for the wrapped layer's own).
/// </summary>
public class RecurrentYamlTests
{
    private const string TwinYaml = """
        model: Recurrent
        namespace: App
        input: [12, 6]
        layers:
          - simple_rnn: { units: 5, activation: relu, return_sequences: true }
          - lstm: { units: 4, return_sequences: true, unit_forget_bias: false, go_backwards: true, dropout: 0.1 }
          - gru: { units: 3, reset_after: false, recurrent_activation: hard_sigmoid, return_sequences: true }
          - bidirectional: { layer: { gru: { units: 4, return_sequences: true, name: encoder } }, merge_mode: ave }
          - time_distributed: { layer: { dense: { units: 6, activation: relu } } }
          - bidirectional: { layer: { lstm: 3 }, backward_layer: { simple_rnn: { units: 3, go_backwards: true } } }
          - dense: 2
        """;

    private const string TwinAttributes = """
        using Dsl;
        namespace App;

        [Input(12, 6)]
        [SimpleRNN(5, Activation = Activation.ReLU, ReturnSequences = true)]
        [LSTM(4, ReturnSequences = true, UnitForgetBias = false, GoBackwards = true, Dropout = 0.1)]
        [GRU(3, ResetAfter = false, RecurrentActivation = Activation.HardSigmoid, ReturnSequences = true)]
        [Bidirectional(MergeMode = MergeMode.Ave)]
        [GRU(4, ReturnSequences = true, Name = "encoder")]
        [TimeDistributed]
        [Dense(6, Activation = Activation.ReLU)]
        [Bidirectional("backward_layer: { simple_rnn: { units: 3, go_backwards: true } }")]
        [LSTM(3)]
        [Dense(2)]
        public partial class Recurrent;
        """;

    [Fact]
    public void A_yaml_model_of_every_recurrent_kind_and_its_attribute_twin_have_equal_analyses_and_code()
    {
        var yamlRun = Run(TwinYaml.Replace("model: Recurrent", "model: RecurrentYaml", StringComparison.Ordinal));
        Assert.Empty(yamlRun.GeneratorDiagnostics);
        Assert.Empty(yamlRun.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var fromYaml = yamlRun.StepOutputs(TrackingNames.YamlOutcomes).Select(o => ((YamlModel)o.Value).Generated!).Single();

        var attributeRun = GeneratorHarness.Run(new[] { TwinAttributes });
        attributeRun.AssertGeneratorHealthy();
        Assert.Empty(attributeRun.GeneratorDiagnostics);
        Assert.Empty(attributeRun.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var fromAttributes = attributeRun.StepOutputs(TrackingNames.Analysis).Select(o => ((ModelOutcome)o.Value).Analysis!).Single();

        Assert.Equal(fromAttributes.Layers.Select(Describe), fromYaml.Layers.Select(Describe));
        Assert.Equal(SummaryWriter.Write(fromAttributes, expand: false).Replace("Recurrent", "RecurrentYaml", StringComparison.Ordinal), SummaryWriter.Write(fromYaml, expand: false));
        long expected = (6 * 5 + 25 + 5) + 4 * (5 * 4 + 16 + 4) + 3 * (4 * 3 + 9 + 3) + 2 * 3 * (3 * 4 + 16 + 8) + (4 * 6 + 6)
            + 4 * (6 * 3 + 9 + 3) + (6 * 3 + 9 + 3) + (6 * 2 + 2);
        Assert.Equal(expected, fromYaml.Parameters);
    }

    [Fact]
    public void The_readme_recurrent_example_generates_the_same_model_in_both_forms()
    {
        string root = SeedTwinTests.RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string section = readme[readme.IndexOf("#### Recurrent layers", StringComparison.Ordinal)..];
        string csharp = section[(section.IndexOf("```csharp\n", StringComparison.Ordinal) + 10)..];
        csharp = csharp[..csharp.IndexOf("```", StringComparison.Ordinal)];
        string formats = File.ReadAllText(Path.Combine(root, "src", "Dsl.Generator", "Yaml", "README.md"));
        string yaml = formats[formats.IndexOf("model: Tagger", StringComparison.Ordinal)..];
        yaml = yaml[..yaml.IndexOf("```", StringComparison.Ordinal)];

        var attributes = GeneratorHarness.Run(new[] { "using Dsl;\nnamespace App;\n" + csharp });
        attributes.AssertGeneratorHealthy();
        Assert.Empty(attributes.GeneratorDiagnostics);
        var fromYaml = Run("namespace: App\n" + yaml);
        Assert.Empty(fromYaml.GeneratorDiagnostics);
        string Parameters(string source) => source.Split('\n').Single(l => l.Contains("public const long ParameterCount", StringComparison.Ordinal));
        Assert.Equal(Parameters(attributes.GeneratedSources["App.Tagger.g.cs"]), Parameters(fromYaml.GeneratedSources["App.Tagger.model-yaml.g.cs"]));
        Assert.Contains("= " + (2 * 4 * (16 * 32 + 32 * 32 + 32) + 3 * (32 * 16 + 16 * 16 + 32) + 16 * 5 + 5) + "L;", Parameters(attributes.GeneratedSources["App.Tagger.g.cs"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Block_parameters_set_the_wrapped_layers_options()
    {
        const string Block = """
            block: Encoder
            parameters: { units: int, backwards: false }
            layers:
              - bidirectional: { layer: { lstm: { units: $units, return_sequences: true } }, merge_mode: sum }
              - time_distributed: { layer: { dense: $units * 2 } }
              - gru: { units: $units, go_backwards: $backwards }
            """;
        const string Model = """
            model: Net
            namespace: App
            input: [7, 3]
            layers:
              - Encoder: { units: 4 }
              - dense: 1
            """;
        var run = GeneratorHarness.Run(additionalTexts: new[] { GeneratorHarness.Yaml("Encoder.block.yaml", Block), GeneratorHarness.Yaml("Net.model.yaml", Model) });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string source = run.GeneratedSources["App.Net.model-yaml.g.cs"];
        long parameters = 2 * 4 * (3 * 4 + 16 + 4) + (4 * 8 + 8) + 3 * (8 * 4 + 16 + 8) + 4 + 1;
        Assert.Contains("public const long ParameterCount = " + parameters + "L;", source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kinds_keys_are_kerass_config_names()
    {
        Assert.Equal(new[] { "units", "activation", "recurrent_activation", "unit_forget_bias", "use_bias", "return_sequences", "return_state", "go_backwards", "dropout", "recurrent_dropout", "initial_state", "name", "from" },
            YamlSection.For(LayerRegistry.FindYaml("lstm")!).Keys);
        Assert.Equal(new[] { "units", "activation", "recurrent_activation", "reset_after", "use_bias", "return_sequences", "return_state", "go_backwards", "dropout", "recurrent_dropout", "initial_state", "name", "from" },
            YamlSection.For(LayerRegistry.FindYaml("gru")!).Keys);
        Assert.Equal(new[] { "units", "activation", "use_bias", "return_sequences", "return_state", "go_backwards", "dropout", "recurrent_dropout", "initial_state", "name", "from" },
            YamlSection.For(LayerRegistry.FindYaml("simple_rnn")!).Keys);
        Assert.Equal(new[] { "layer", "merge_mode", "backward_layer", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("bidirectional")!).Keys);
        Assert.Equal(new[] { "layer", "name", "from" }, YamlSection.For(LayerRegistry.FindYaml("time_distributed")!).Keys);
        var message = Error("model: Net\ninput: [3, 8]\nlayers:\n  - lstms: 4\n", "DSL102", 4, 5, "lstms");
        Assert.Contains("did you mean 'lstm'?", message, StringComparison.Ordinal);
    }

    [Theory]
    // A recurrent layer on an image or a flat input: at the entry.
    [InlineData("input: [1, 28, 28]\nlayers:\n  - lstm: 8\n", "DSL026", "lstm: 8", "needs a sequence input (steps, features), but receives the image shape (1, 28, 28)")]
    [InlineData("input: [10]\nlayers:\n  - simple_rnn: { units: 8 }\n", "DSL026", "simple_rnn: { units: 8 }", "receives the flat shape (10)")]
    // Units below 1, dropout out of range: at the entry.
    [InlineData("input: [10, 4]\nlayers:\n  - gru: 0\n", "DSL007", "gru: 0", "Units of 'gru_1' must be at least 1, but is 0")]
    [InlineData("input: [10, 4]\nlayers:\n  - lstm: { units: 2, recurrent_dropout: 1 }\n", "DSL007", null, "RecurrentDropout of 'lstm_1' must be at least 0 and below 1")]
    // Bidirectional around a layer that is not recurrent: at the wrapped entry.
    [InlineData("input: [10, 4]\nlayers:\n  - bidirectional: { layer: { dense: 8 } }\n", "DSL061", "{ dense: 8 }", "wraps a recurrent layer (SimpleRNN, LSTM or GRU), but is given a Dense layer")]
    // A merge mode Keras lacks: at the value, with the nearest.
    [InlineData("input: [10, 4]\nlayers:\n  - bidirectional: { layer: { lstm: 8 }, merge_mode: average }\n", "DSL104", "average", "must be one of concat, sum, mul, ave, none (or null)")]
    [InlineData("input: [10, 4]\nlayers:\n  - bidirectional: { merge_mode: sum }\n", "DSL105", null, "is missing the required key 'layer'")]
    [InlineData("input: [10, 4]\nlayers:\n  - bidirectional: { layer: { lstmm: 8 } }\n", "DSL102", "lstmm", "did you mean 'lstm'?")]
    [InlineData("input: [10, 4]\nlayers:\n  - bidirectional: { layer: [lstm] }\n", "DSL104", "[lstm]", "a layer: its kind and options")]
    [InlineData("input: [10, 4]\nlayers:\n  - bidirectional: { layer: { lstm: { units: 2, unitz: 3 } } }\n", "DSL103", "unitz", "did you mean 'units'?")]
    // TimeDistributed on an input without a step axis: at the entry.
    [InlineData("input: [10]\nlayers:\n  - time_distributed: { layer: { dense: 2 } }\n", "DSL026", null, "needs an input with a step axis")]
    [InlineData("input: [10, 4]\nlayers:\n  - bidirectional: { layer: { gru: { units: 2, from: input } } }\n", "DSL064", "{ gru: { units: 2, from: input } }", "cannot take From ('input')")]
    [InlineData("input: [10, 4]\nlayers:\n  - bidirectional: { layer: { gru: 2 }, backward_layer: { gru: 2 } }\n", "DSL063", "{ gru: 2 }", "goes forwards like the forward one")]
    [InlineData("inputs:\n  source: [5, 3]\n  target: [4, 2]\nlayers:\n  - lstm: { units: 6, return_state: true, from: source, name: encoder }\n  - lstm: { units: 6, from: target, initial_state: [encoder.state_h] }\n", "DSL080", "lstm: { units: 6, from: target, initial_state: [encoder.state_h] }", "but it is given 1 ('encoder.state_h')")]
    public void Errors_point_at_their_entry_or_value(string body, string id, string? text, string message)
    {
        // At the text (its last appearance: a backward layer's entry follows the forward one's), or at the layer's entry.
        string yaml = "model: Net\n" + body;
        int at = text is null ? yaml.IndexOf("- ", StringComparison.Ordinal) + 2 : yaml.LastIndexOf(text, StringComparison.Ordinal);
        int line = yaml[..at].Count(c => c == '\n') + 1, column = at - (yaml.LastIndexOf('\n', at - 1) + 1) + 1;
        Assert.Contains(message, Error(yaml, id, line, column, text), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_mode_null_is_kerass_none_two_outputs_named_forward_and_backward()
    {
        const string Yaml = """
            model: Unmerged
            namespace: App
            input: [6, 3]
            layers:
              - bidirectional: { layer: { gru: { units: 4, return_sequences: true } }, merge_mode: null, name: both }
              - subtract: [both.forward, both.backward]
            """;
        var run = Run(Yaml);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains("both.CallWithOutputs(", run.GeneratedSources["App.Unmerged.model-yaml.g.cs"], StringComparison.Ordinal);
    }

    private static string Describe(LayerPlan l)
    {
        var kind = LayerRegistry.Get(l.Spec.Kind);
        return l.Name + " " + l.TypeName + " " + string.Join("x", l.InputShape) + "->" + string.Join("x", l.OutputShape)
            + " p" + l.Parameters + "/" + l.TrainableParameters + " m" + l.MultAdds + " " + kind.Field(l) + " " + kind.Forward(l, new[] { "x" });
    }
}
