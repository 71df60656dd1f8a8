using System;
using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Pipeline;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultInjectionCollection
{
    public const string Name = "Fault injection";
}

/// <summary>
/// The generator's safety net: a step that throws (here made to, through the test-only
/// <see cref="Stages.InjectedFault"/>) becomes DSL999 at the model it was working on, never CS8785, and every other
/// model still generates.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public class SafetyNetTests
{
    private const string Models = """
        using Dsl;
        namespace App;
        [Input(16)]
        [Dense(4)]
        public partial class Boom;

        [Input(16)]
        [Dense(2)]
        public partial class Fine;
        """;

    [Theory]
    [InlineData(nameof(Stages.ParseAttributes))]
    [InlineData(nameof(Stages.Analyze))]
    [InlineData(nameof(Stages.EmitModel))]
    public void A_crash_in_a_step_is_DSL999_at_that_model_and_the_others_still_generate(string stage)
    {
        var run = WithFault(stage, "Boom", () => GeneratorHarness.Run(new[] { Models }, new[] { GeneratorHarness.Yaml("Other.model.yaml", "model: Other\nnamespace: App\ninput: [8]\nlayers: [dense: 2]\n") }));

        Assert.Null(run.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id is "CS8785" or "AD0001");
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("DSL999", DiagnosticSeverity.Error), (error.Id, error.Severity));
        Assert.Contains("'Boom'", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("fault injected into " + stage, error.GetMessage(), StringComparison.Ordinal);
        // At the model's class where the step knew it; a crash while parsing happens before there is a spec.
        if (stage != nameof(Stages.ParseAttributes))
            Assert.Equal("Boom", SourceAt(run, error));
        Assert.DoesNotContain("App.Boom.g.cs", run.GeneratedSources.Keys);
        Assert.Contains("App.Fine.g.cs", run.GeneratedSources.Keys);
        Assert.Contains("App.Other.model-yaml.g.cs", run.GeneratedSources.Keys);
        Assert.Contains("global::App.Fine.Info", run.GeneratedSources["Dsl.ModelCatalog.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_crash_while_parsing_a_yaml_file_is_DSL999_and_the_other_models_still_generate()
    {
        var run = WithFault(nameof(Stages.ParseYaml), YamlAssert.FilePath, () => GeneratorHarness.Run(
            new[] { Models },
            new[] { GeneratorHarness.Yaml(YamlAssert.FileName, "model: Other\nnamespace: App\ninput: [8]\nlayers: [dense: 2]\n") }));

        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id is "CS8785" or "AD0001");
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DSL999", error.Id);
        Assert.Contains(YamlAssert.FilePath, error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("App.Boom.g.cs", run.GeneratedSources.Keys);
        Assert.Contains("App.Fine.g.cs", run.GeneratedSources.Keys);
    }

    [Fact]
    public void Without_a_fault_the_same_build_is_clean()
    {
        var run = GeneratorHarness.Run(new[] { Models });
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("App.Boom.g.cs", run.GeneratedSources.Keys);
    }

    private static GeneratorRun WithFault(string stage, string subject, Func<GeneratorRun> run)
    {
        Stages.InjectedFault = (s, who) => s == stage && who == subject;
        try
        {
            return run();
        }
        finally
        {
            Stages.InjectedFault = null;
        }
    }

    /// <summary>The source text under a diagnostic's location.</summary>
    private static string SourceAt(GeneratorRun run, Diagnostic diagnostic)
    {
        var tree = run.OutputCompilation.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
