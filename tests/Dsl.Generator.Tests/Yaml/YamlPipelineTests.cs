using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Emit;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>Where YAML models land (namespace, hint name) and how they meet other models.</summary>
public class YamlPipelineTests
{
    private const string Net = "model: Net\ninput: [784]\nlayers: [{ dense: 10 }]\n";

    private static GeneratorRun Run(IEnumerable<AdditionalText> texts, Dictionary<string, string>? options = null, string assemblyName = GeneratorHarness.AssemblyName, IEnumerable<string>? sources = null)
    {
        var run = GeneratorHarness.Run(sources, texts, options, assemblyName);
        run.AssertGeneratorHealthy();
        return run;
    }

    [Fact]
    public void Specs_without_a_namespace_use_the_projects_root_namespace()
    {
        var run = Run(new[] { GeneratorHarness.Yaml("Net.model.yaml", Net) }, new() { [DefaultNamespace.RootNamespaceProperty] = "Samples.Mnist" });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("namespace Samples.Mnist", run.GeneratedSources["Samples.Mnist.Net.model-yaml.g.cs"]);
    }

    [Fact]
    public void Without_a_root_namespace_the_assembly_name_is_the_namespace()
    {
        var run = Run(new[] { GeneratorHarness.Yaml("Net.model.yaml", Net) }, assemblyName: "My.Models");
        Assert.Contains("My.Models.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void An_assembly_name_that_is_no_namespace_gives_the_global_namespace()
    {
        var run = Run(new[] { GeneratorHarness.Yaml("Net.model.yaml", Net) }, assemblyName: "my-models");
        var source = run.GeneratedSources["Net.model-yaml.g.cs"];
        Assert.DoesNotContain("namespace ", source);
        Assert.Contains("global::Net.Info", run.GeneratedSources[CatalogEmitter.HintName]);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_quoted_empty_namespace_is_the_global_namespace_and_an_empty_one_the_default()
    {
        var run = Run(new[]
        {
            GeneratorHarness.Yaml("A.model.yaml", "model: Global\nnamespace: \"\"\ninput: [784]\nlayers: [{ dense: 10 }]\n"),
            GeneratorHarness.Yaml("B.model.yaml", "model: Default\nnamespace:\ninput: [784]\nlayers: [{ dense: 10 }]\n"),
        });
        Assert.Contains("Global.model-yaml.g.cs", run.GeneratedSources.Keys);
        Assert.Contains("TestModels.Default.model-yaml.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void Names_differing_only_in_case_get_distinct_hint_names()
    {
        // C# names are case-sensitive; hint names are not (AddSource would throw on a clash).
        var run = Run(new[]
        {
            GeneratorHarness.Yaml("A.model.yaml", Net),
            GeneratorHarness.Yaml("B.model.yaml", Net.Replace("model: Net", "model: NET", System.StringComparison.Ordinal)),
        });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("TestModels.NET.model-yaml.g.cs", run.GeneratedSources.Keys);
        Assert.Contains("TestModels.Net.model-yaml-2.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_file_listed_twice_is_one_model()
    {
        var spec = GeneratorHarness.Yaml("Net.model.yaml", Net);
        var run = Run(new[] { spec, GeneratorHarness.Yaml("Net.model.yaml", Net) });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources.Keys, k => k.EndsWith(".model-yaml.g.cs", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Only_files_ending_in_model_yaml_are_specs()
    {
        var run = Run(new[]
        {
            new InMemoryAdditionalText("/project/config.yaml", "not: [a, model"),
            new InMemoryAdditionalText("/project/Net.model.yml", Net),
            new InMemoryAdditionalText("/project/NET.MODEL.YAML", Net.Replace("Net", "Upper", System.StringComparison.Ordinal)),
        });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(new[] { "TestModels.Upper.model-yaml.g.cs" }, run.GeneratedSources.Keys.Where(k => k.Contains("model-yaml", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Odd_characters_in_a_file_name_do_not_break_the_generated_code()
    {
        var run = Run(new[] { new InMemoryAdditionalText("/project/Odd\u2028\"name\\\u0085<&>.model.yaml", Net) });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("TestModels.Net.model-yaml.g.cs", run.GeneratedSources.Keys);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void The_catalog_lists_yaml_and_attribute_models_in_order()
    {
        const string Attributes = "using Dsl;\nnamespace TestModels;\n[Input(784)]\n[Dense(10)]\npublic partial class Alpha;\n";
        var run = Run(new[] { GeneratorHarness.Yaml("Net.model.yaml", Net) }, sources: new[] { Attributes });
        var catalog = run.GeneratedSources[CatalogEmitter.HintName];
        Assert.True(catalog.IndexOf("global::TestModels.Alpha.Info", System.StringComparison.Ordinal) < catalog.IndexOf("global::TestModels.Net.Info", System.StringComparison.Ordinal));
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_yaml_model_can_be_extended_by_a_partial_class()
    {
        // The generated class has no accessibility modifier, so a user's partial declaration decides it.
        const string Extension = "namespace TestModels;\npublic partial class Net { public static string Describe() => Summary; }\n";
        var run = Run(new[] { GeneratorHarness.Yaml("Net.model.yaml", Net) }, sources: new[] { Extension });
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_spec_with_every_layer_kind_and_option_compiles()
    {
        const string Yaml = """
            model: Everything
            input: { channels: 3, height: 32, width: 32 }
            layers:
              - conv2d: { filters: 16, kernel_size: [3, 5], stride: [1, 2], padding: same, activation: leaky_relu, use_bias: false }
              - batch_normalization: { epsilon: 1e-5, momentum: 0.9 }
              - average_pooling2d: { pool_size: 2, strides: 2, padding: valid }
              - max_pooling2d: { pool_size: [2, 2], stride: 1, padding: same }
              - conv2d: { filters: 8, kernel_size: 1, activation: GELU }
              - global_average_pooling2d
              - dense: { units: 32, activation: tanh, use_bias: true }
              - batch_normalization
              - dropout: { rate: 0.1 }
              - dense: { units: 4, activation: log_softmax }
            expect_parameters: 1_468   # 720 + 64 + 136 + 288 + 128 + 132
            """;
        var run = Run(new[] { GeneratorHarness.Yaml("Everything.model.yaml", Yaml) });
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
