using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Counts that do not fit: every parameter count, mult-add and size is computed checked, and a figure past what a
/// model can have (2^60 − 1, so that its bytes and totals still fit in 64 bits) is DSL058 at the layer that makes it,
/// in both front ends; never DSL999, never a wrapped (negative or too small) number in the generated code.
/// </summary>
public class OverflowTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    private static Diagnostic OneError(GeneratorRun run, string id)
    {
        run.AssertGeneratorHealthy();
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1 && errors[0].Id == id, "Expected one " + id + ", got: " + string.Join("; ", errors));
        Assert.DoesNotContain(run.GeneratedSources.Keys, hint => hint.Contains("Net", StringComparison.Ordinal));
        return errors[0];
    }

    [Fact]
    public void Dense_layers_of_int_max_units_are_DSL058_at_the_first_in_yaml()
    {
        const string Yaml = "model: Net\nnamespace: App\ninput: [2147483647]\nlayers:\n  - dense: 2147483647\n  - dense: 2147483647\n  - dense: 2147483647\n";
        var diagnostic = OneError(YamlAssert.Run(Yaml), "DSL058");
        YamlAssert.At(diagnostic, Yaml, 5, 5);
        // 2147483647 · 2147483647 + 2147483647, which fits in 64 bits but not in a model.
        Assert.Contains("Layer 'dense_1' (Dense) has 4,611,686,016,279,904,256 parameters, more than a model can have (at most 1,152,921,504,606,846,975)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dense_layers_of_int_max_units_are_DSL058_at_the_first_in_attributes()
    {
        string source = Usings + "[Input(2147483647)]\n[Dense(2147483647)]\n[Dense(2147483647)]\n[Dense(2147483647)]\npublic partial class Net;\n";
        var diagnostic = OneError(GeneratorHarness.Run(new[] { source }), "DSL058");
        DiagnosticAssert.AssertCovers(source, diagnostic, "Dense(2147483647)");
        Assert.Contains("4,611,686,016,279,904,256 parameters", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2147483647)]
    [InlineData(8)]
    public void A_kernel_of_a_billion_is_DSL058_not_a_wrapped_count(int filters)
    {
        string yaml = "model: Net\nnamespace: App\ninput: [1, 28, 28]\nlayers:\n  - conv2d: { filters: " + filters + ", kernel_size: 1000000000, padding: same }\n  - global_average_pooling2d\n  - dense: 10\n";
        var diagnostic = OneError(YamlAssert.Run(yaml), "DSL058");
        YamlAssert.At(diagnostic, yaml, 5, 5);
        Assert.StartsWith("Layer 'conv2d_1' (Conv2D) has ", diagnostic.GetMessage(), StringComparison.Ordinal);

        string source = Usings + "[Input(1, 28, 28)]\n[Conv2D(" + filters + ", 1000000000, Padding = Padding.Same)]\n[GlobalAvgPool2D]\n[Dense(10)]\npublic partial class Net;\n";
        OneError(GeneratorHarness.Run(new[] { source }), "DSL058");
    }

    [Fact]
    public void Layers_that_fit_alone_but_not_together_are_DSL058_where_the_total_passes()
    {
        // Each Dense has 2^29 · 2^30 + 2^30 parameters, below 2^60; the two together are not.
        const string Yaml = """
            model: Net
            namespace: App
            input: [536870912]
            layers:
              - dense: { units: 1073741824, name: first }
              - dense: { units: 1073741824, from: input, name: second }
              - add: [first, second]
            """;
        var diagnostic = OneError(YamlAssert.Run(Yaml), "DSL058");
        YamlAssert.At(diagnostic, Yaml, 6, 5);
        Assert.Contains("Model 'Net' has 1,152,921,506,754,330,624 parameters up to 'second'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_of_more_values_than_a_model_can_have_is_DSL058()
    {
        const string Yaml = "model: Net\nnamespace: App\ninput: [2147483647, 2147483647, 2147483647]\nlayers:\n  - flatten\n";
        var diagnostic = OneError(YamlAssert.Run(Yaml), "DSL058");
        Assert.Contains("The input (2147483647, 2147483647, 2147483647) of 'Net' has more values per sample than that", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_model_that_fits_states_its_figures_exactly()
    {
        // 2^20 · 2^30 + 2^30 parameters: large, but every figure and its bytes fit.
        var run = YamlAssert.Run("model: Net\nnamespace: App\ninput: [1048576]\nlayers:\n  - dense: 1073741824\n");
        Assert.Empty(run.GeneratorDiagnostics);
        var source = run.GeneratedSources["App.Net.model-yaml.g.cs"];
        Assert.Contains("public const long ParameterCount = 1125900980584448L;", source, StringComparison.Ordinal);
        Assert.Contains("Params size (MB): 4503603922.34", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_expected_parameter_count_is_a_range_error_in_both_forms()
    {
        const string Yaml = "model: Net\nnamespace: App\ninput: [4]\nlayers:\n  - dense: 2\nexpect_parameters: -1\n";
        var yaml = OneError(YamlAssert.Run(Yaml), "DSL007");
        Assert.Contains("must be at least 0, but is -1", yaml.GetMessage(), StringComparison.Ordinal);

        string source = Usings + "[Input(4)]\n[Dense(2)]\n[ExpectParameters(-1)]\npublic partial class Net;\n";
        var attribute = OneError(GeneratorHarness.Run(new[] { source }), "DSL007");
        DiagnosticAssert.AssertCovers(source, attribute, "ExpectParameters(-1)");
    }
}
