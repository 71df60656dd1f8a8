using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Emit;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static Dsl.Generator.Tests.Yaml.YamlAssert;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>
/// Graph models in YAML: <c>name</c>, <c>from</c> and the merge kinds (<c>add: [a, b]</c> or
/// <c>add: { inputs: [a, b], name: sum }</c>) mean what the attributes mean, and every graph error is located at the
/// layer's list entry (or the offending key).
/// </summary>
public class YamlGraphTests
{
    internal const string ResidualYaml = """
        model: Residual
        namespace: App
        input: [3, 8, 8]
        layers:
          - conv2d: { filters: 4, kernel_size: 3, padding: same, activation: relu, name: stem }
          - conv2d: { filters: 4, kernel_size: 3, padding: same }
          - add: [stem, conv2d_1]
          - conv2d: { filters: 8, kernel_size: 1, from: stem, name: projection }
          - concatenate: { inputs: [add_1, projection], name: joined }
          - global_average_pooling2d
          - dense: { units: 2, activation: softmax }
        """;

    internal const string ResidualAttributes = """
        using Dsl;
        namespace App;
        [Input(3, 8, 8)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
        [Conv2D(4, 3, Padding = Padding.Same)]
        [Add("stem", "conv2d_1")]
        [Conv2D(8, 1, From = "stem", Name = "projection")]
        [Concatenate("add_1", "projection", Name = "joined")]
        [GlobalAvgPool2D]
        [Dense(2, Activation = Activation.Softmax)]
        public partial class Residual;
        """;

    [Fact]
    public void A_graph_in_yaml_generates_the_same_code_as_its_attribute_twin()
    {
        var yaml = Run(ResidualYaml);
        Assert.Empty(yaml.GeneratorDiagnostics);
        var attributes = GeneratorHarness.Run(new[] { ResidualAttributes });
        attributes.AssertGeneratorHealthy();
        Assert.Empty(attributes.GeneratorDiagnostics);

        string fromYaml = yaml.GeneratedSources["App.Residual.model-yaml.g.cs"];
        string fromAttributes = attributes.GeneratedSources["App.Residual.g.cs"];
        // Only the declaration's origin differs.
        Assert.Equal(fromAttributes.Replace("from attributes:", "from ORIGIN:", StringComparison.Ordinal).Replace("\"attributes\"", "\"ORIGIN\"", StringComparison.Ordinal),
            fromYaml.Replace("from " + FileName + ":", "from ORIGIN:", StringComparison.Ordinal).Replace("\"" + FileName + "\"", "\"ORIGIN\"", StringComparison.Ordinal));
        Assert.Contains("Connected to", fromYaml, StringComparison.Ordinal);
        Assert.Contains("Inputs = new string[] { \"add_1\", \"projection\" }", fromYaml, StringComparison.Ordinal);
        Assert.Empty(yaml.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("  - add: [stme, input]", "DSL018", "did you mean 'stem'?")]
    [InlineData("  - dense: { units: 4, from: later }\n  - dense: { units: 4, name: later }", "DSL019", "declared after it (layer 3)")]
    [InlineData("  - dense: { units: 4, name: stem }", "DSL020", "layer 1 already has that name")]
    [InlineData("  - dense: { units: 4, name: dense_1 }\n  - dense: 4", "DSL020", "(this layer's automatic name)")]
    [InlineData("  - add: [stem]", "DSL022", "at least two inputs")]
    [InlineData("  - subtract: [stem, stem, input]", "DSL022", "exactly 2 inputs")]
    [InlineData("  - dense: { units: 4, name: 'not a name' }", "DSL025", "starts with a letter")]
    public void Graph_errors_are_reported_at_the_layer_entry(string layers, string id, string fragment)
    {
        string yaml = "model: Net\ninput: [16]\nlayers:\n  - dense: { units: 4, name: stem }\n" + layers + "\n";
        var lines = yaml.Split('\n');
        // The entry the error belongs to: the one that names the problem (for DSL020 on the automatic name, the last).
        int line = id == "DSL020" && fragment.Contains("automatic", StringComparison.Ordinal) ? 6 : 5;
        var message = Error(yaml, id, line, 5, lines[line - 1].Substring(4));
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_shapes_that_do_not_fit_are_reported_with_every_shape()
    {
        const string Yaml = """
            model: Net
            input: [16]
            layers:
              - dense: { units: 4, name: a }
              - dense: { units: 5, from: input, name: b }
              - add: { inputs: [a, b], name: sum }
            """;
        var message = Error(Yaml, "DSL021", 6, 5, "add: { inputs: [a, b], name: sum }");
        Assert.Contains("'a' (4), 'b' (5)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_on_a_merge_is_reported_at_the_key()
    {
        const string Yaml = """
            model: Net
            input: [16]
            layers:
              - dense: { units: 4, name: a }
              - add: { inputs: [a, input], from: a }
            """;
        var message = Error(Yaml, "DSL023", 5, 32, "from");
        Assert.Contains("merge layer", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dead_branch_warns_at_its_entry_and_the_model_is_generated()
    {
        const string Yaml = """
            model: Net
            namespace: App
            input: [16]
            layers:
              - dense: { units: 4, name: unused }
              - dense: { units: 2, from: input }
            """;
        var run = Run(Yaml);
        var warning = Single(run, "DSL024");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        At(warning, Yaml, 5, 5, "dense: { units: 4, name: unused }");
        Assert.Contains("App.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void Layer_names_and_inputs_must_be_names()
    {
        const string Yaml = """
            model: Net
            input: [16]
            layers:
              - dense: { units: 4, name: [a] }
              - add: [input, { x: 1 }]
            """;
        var run = Run(Yaml);
        var errors = run.GeneratorDiagnostics.Where(d => d.Id == "DSL104").ToList();
        Assert.Equal(2, errors.Count);
        At(errors[0], Yaml, 4, 30, "[a]");
        At(errors[1], Yaml, 5, 18, "{ x: 1 }");
    }
}
