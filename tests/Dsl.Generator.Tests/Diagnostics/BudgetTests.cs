using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Diagnostics;

/// <summary>
/// Budgets: a model over a limit (its own [Budget] / budget:, or the project's MSBuild default) is DSL059 at the
/// budget, naming the figure, the limit and the three layers or block uses that contribute most.
/// </summary>
public class BudgetTests
{
    private const string Usings = "using Dsl;\nnamespace App;\n";

    /// <summary>The seed's Model1: 43,362 parameters, dense_1 23,530, conv2d_2 16,156, conv2d_3 3,036, conv2d_1 640.</summary>
    private const string Layers = """
        [Input(1, 28, 28)]
        [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Dropout(0.2)]
        [Conv2D(28, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
        [Dropout(0.35)]
        [Conv2D(12, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
        [Dropout(0.4)]
        [Flatten]
        [Dense(10, Activation = Activation.Softmax)]
        """;

    private const string Yaml = """
        model: Net
        namespace: App
        input: [1, 28, 28]
        layers:
          - conv2d: { filters: 64, kernel_size: 3, padding: same, activation: relu }
          - max_pooling2d: 2
          - dropout: 0.2
          - conv2d: { filters: 28, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.35
          - conv2d: { filters: 12, kernel_size: 3, padding: same, activation: relu }
          - dropout: 0.4
          - flatten
          - dense: { units: 10, activation: softmax }
        """;

    private const string TopThree = "the most come from 'dense_1' (Dense, 23,530), 'conv2d_2' (Conv2D, 16,156), 'conv2d_3' (Conv2D, 3,036)";

    [Fact]
    public void Too_many_parameters_is_DSL059_at_the_budget_attribute_with_the_top_three()
    {
        string source = Usings + "[Budget(MaxParameters = 40_000)]\n" + Layers + "public partial class Net;\n";
        var run = GeneratorHarness.Run(new[] { source });
        run.AssertGeneratorHealthy();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL059", diagnostic.Id);
        DiagnosticAssert.AssertCovers(source, diagnostic, "Budget(MaxParameters = 40_000)");
        Assert.Equal("'Net' has 43,362 parameters, over the limit of 40,000 set by [Budget]; " + TopThree, diagnostic.GetMessage());
        Assert.DoesNotContain(run.GeneratedSources.Keys, k => k.Contains("Net", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_many_parameters_is_DSL059_at_the_budget_key_in_yaml()
    {
        string yaml = Yaml + "\nbudget: { max_parameters: 40000 }\n";
        var diagnostic = YamlAssert.Single(YamlAssert.Run(yaml), "DSL059");
        YamlAssert.At(diagnostic, yaml, 14, 1);
        Assert.Equal("'Net' has 43,362 parameters, over the limit of 40,000 set by budget:; " + TopThree, diagnostic.GetMessage());
    }

    [Fact]
    public void A_model_within_its_budget_builds()
    {
        var run = GeneratorHarness.Run(new[] { Usings + "[Budget(MaxParameters = 43_362, MaxMultAdds = 5_000_000, MaxActivationBytes = 2_000_000, MaxParameterBytes = 173_448)]\n" + Layers + "public partial class Net;\n" });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("App.Net.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void Each_figure_is_checked_in_its_unit()
    {
        // 4,286,922 mult-adds; 93,306 output values per sample (373,224 bytes); 173,448 bytes of float32 parameters.
        string yaml = Yaml + "\nbudget: { max_mult_adds: 4_000_000, max_activation_bytes: 300_000, max_parameter_bytes: 173_447 }\n";
        var messages = YamlAssert.Run(yaml).GeneratorDiagnostics.Where(d => d.Id == "DSL059").Select(d => d.GetMessage()).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("'Net' has 4,286,922 mult-adds per sample, over the limit of 4,000,000", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'Net' has 373,224 bytes of layer outputs per sample (float32), over the limit of 300,000", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'Net' has 173,448 bytes of parameters (float32), over the limit of 173,447", StringComparison.Ordinal));
        // The first convolution's 64 full-resolution maps are most of the activations.
        Assert.Contains(messages, m => m.Contains("the most come from 'conv2d_1' (Conv2D, 200,704)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_projects_budget_applies_unless_a_model_sets_its_own()
    {
        var options = new Dictionary<string, string> { ["build_property.DslMaxParameters"] = "40000" };
        string held = Usings + Layers + "public partial class Net;\n";
        var run = GeneratorHarness.Run(new[] { held }, globalOptions: options);
        run.AssertGeneratorHealthy();
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL059", diagnostic.Id);
        DiagnosticAssert.AssertCovers(held, diagnostic, "Net");
        Assert.Contains("set by the project's budget (DslMaxParameters and the other DslMax… MSBuild properties)", diagnostic.GetMessage(), StringComparison.Ordinal);

        var yaml = YamlAssert.Run(Yaml, globalOptions: options);
        YamlAssert.At(YamlAssert.Single(yaml, "DSL059"), Yaml, 1, 8, "Net");

        var own = GeneratorHarness.Run(new[] { Usings + "[Budget(MaxParameters = 50_000)]\n" + Layers + "public partial class Net;\n" }, globalOptions: options);
        Assert.Empty(own.GeneratorDiagnostics);
    }

    [Fact]
    public void Block_uses_are_contributors_like_layers()
    {
        string source = Usings + BlockDiagnosticsTests.ResBlock + """

            [Budget(MaxParameters = 10_000)]
            [Input(1, 28, 28)]
            [Conv2D(16, 3, Padding = Padding.Same, Name = "stem")]
            [Use(typeof(ResBlock), "filters: 16", Repeat = 2, Name = "stage1")]
            [Use(typeof(ResBlock), "filters: 32, stride: 2", Name = "stage2")]
            [GlobalAvgPool2D]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """;
        var diagnostic = Assert.Single(GeneratorHarness.Run(new[] { source }).GeneratorDiagnostics);
        Assert.Equal("DSL059", diagnostic.Id);
        Assert.Contains("the most come from 'stage2' (ResBlock, 14,432), 'stage1_block1' (ResBlock, 4,912), 'stage1_block2' (ResBlock, 4,912)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_limit_is_a_range_error_and_a_block_takes_no_budget()
    {
        var negative = GeneratorHarness.Run(new[] { Usings + "[Budget(MaxParameters = -1)]\n" + Layers + "public partial class Net;\n" });
        Assert.Equal("DSL007", Assert.Single(negative.GeneratorDiagnostics).Id);

        var block = GeneratorHarness.Run(new[] { Usings + "[Block]\n[Budget(MaxParameters = 10)]\n[Dense(4)]\npublic partial class B;\n" });
        Assert.Equal("DSL054", Assert.Single(block.GeneratorDiagnostics).Id);
    }
}
