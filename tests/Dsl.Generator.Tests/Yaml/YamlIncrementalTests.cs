using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Dsl.Generator.Emit;
using Dsl.Generator.Parsing;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>Editing one YAML spec re-runs only that spec's steps; every other model stays cached.</summary>
public class YamlIncrementalTests
{
    private const string PathA = "/project/Models/A.model.yaml";
    private const string PathB = "/project/Models/B.model.yaml";

    private static string Spec(string name, double rate) =>
        "model: " + name + "\ninput: [1, 28, 28]\nlayers:\n  - conv2d: { filters: 8, kernel_size: 3, activation: relu }\n"
        + "  - dropout: " + rate.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n  - flatten\n  - dense: { units: 10, activation: softmax }\n";

    private const string AttributeModel = "using Dsl;\nnamespace TestModels;\n[Input(784)]\n[Dense(10)]\npublic partial class C;\n";

    private static GeneratorSession Start() => GeneratorHarness.Start(
        new[] { AttributeModel },
        new[] { new InMemoryAdditionalText(PathA, Spec("ModelA", 0.25)), new InMemoryAdditionalText(PathB, Spec("ModelB", 0.5)) });

    private static readonly IncrementalStepRunReason[] Reused = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    [Fact]
    public void Editing_one_spec_leaves_the_other_specs_steps_cached()
    {
        var session = Start();
        var first = session.Run();
        first.AssertGeneratorHealthy();
        Assert.Empty(first.GeneratorDiagnostics);

        session.ReplaceAdditionalText(PathA, Spec("ModelA", 0.3));
        var second = session.Run();
        second.AssertGeneratorHealthy();

        AssertReasons(second, TrackingNames.YamlFiles, o => ((AdditionalText)o).Path == PathB ? "B" : "A");
        AssertReasons(second, TrackingNames.YamlModels, o => ((ParseResult)o).Spec!.ClassName == "ModelB" ? "B" : "A");
        AssertReasons(second, TrackingNames.YamlAnalysis, o => ((ModelOutcome)o).Analysis!.Spec.ClassName == "ModelB" ? "B" : "A");
        AssertReasons(second, TrackingNames.YamlOutcomes, o => ((YamlModel)o).Generated!.Spec.ClassName == "ModelB" ? "B" : "A");

        // Names did not change, so the name index, the catalog and the attribute pipeline are reused.
        Assert.All(second.StepOutputs(TrackingNames.YamlNames), o => Assert.Contains(o.Reason, Reused));
        Assert.All(second.StepOutputs(TrackingNames.CatalogEntries), o => Assert.Contains(o.Reason, Reused));
        Assert.All(second.StepOutputs(TrackingNames.AttributeModels), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        Assert.Equal(first.GeneratedSources["TestModels.ModelB.model-yaml.g.cs"], second.GeneratedSources["TestModels.ModelB.model-yaml.g.cs"]);
        Assert.NotEqual(first.GeneratedSources["TestModels.ModelA.model-yaml.g.cs"], second.GeneratedSources["TestModels.ModelA.model-yaml.g.cs"]);
        Assert.Contains("Dropout(0.3)", second.GeneratedSources["TestModels.ModelA.model-yaml.g.cs"]);
    }

    [Fact]
    public void Running_again_without_edits_reuses_every_step()
    {
        var session = Start();
        session.Run();
        var second = session.Run();
        foreach (var step in new[] { TrackingNames.YamlFiles, TrackingNames.YamlModels, TrackingNames.YamlAnalysis, TrackingNames.YamlOutcomes, TrackingNames.YamlNames })
        {
            var outputs = second.StepOutputs(step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.Contains(o.Reason, Reused));
        }
    }

    [Fact]
    public void Renaming_one_spec_rechecks_the_others_names_without_changing_them()
    {
        var session = Start();
        var first = session.Run();
        session.ReplaceAdditionalText(PathA, Spec("ModelRenamed", 0.25));
        var second = session.Run();
        second.AssertGeneratorHealthy();

        Assert.Contains(second.StepOutputs(TrackingNames.YamlNames), o => o.Reason == IncrementalStepRunReason.Modified);
        var b = second.StepOutputs(TrackingNames.YamlOutcomes).Single(o => ((YamlModel)o.Value).Generated!.Spec.ClassName == "ModelB");
        Assert.Contains(b.Reason, Reused);
        Assert.Contains("TestModels.ModelRenamed.model-yaml.g.cs", second.GeneratedSources.Keys);
        Assert.DoesNotContain("TestModels.ModelA.model-yaml.g.cs", second.GeneratedSources.Keys);
        Assert.Contains("global::TestModels.ModelRenamed.Info", second.GeneratedSources[CatalogEmitter.HintName]);
        Assert.Equal(first.GeneratedSources["TestModels.ModelB.model-yaml.g.cs"], second.GeneratedSources["TestModels.ModelB.model-yaml.g.cs"]);
    }

    [Fact]
    public void Editing_csharp_code_leaves_the_yaml_steps_cached()
    {
        var session = Start();
        session.Run();
        session.SetSource("/src/Other.cs", "namespace TestModels; public static class Unrelated { public const int X = 1; }");
        var second = session.Run();
        foreach (var step in new[] { TrackingNames.YamlModels, TrackingNames.YamlAnalysis, TrackingNames.YamlOutcomes })
            Assert.All(second.StepOutputs(step), o => Assert.Contains(o.Reason, Reused));
    }

    [Fact]
    public void Breaking_and_fixing_a_spec_updates_its_diagnostics_and_output()
    {
        var session = Start();
        session.Run();
        session.ReplaceAdditionalText(PathA, Spec("ModelA", 0.25).Replace("filters: 8", "filters: eight", StringComparison.Ordinal));
        var broken = session.Run();
        Assert.Equal("DSL104", Assert.Single(broken.GeneratorDiagnostics).Id);
        Assert.DoesNotContain("TestModels.ModelA.model-yaml.g.cs", broken.GeneratedSources.Keys);
        Assert.DoesNotContain("ModelA", broken.GeneratedSources[CatalogEmitter.HintName]);

        session.ReplaceAdditionalText(PathA, Spec("ModelA", 0.25));
        var fixedRun = session.Run();
        Assert.Empty(fixedRun.GeneratorDiagnostics);
        Assert.Contains("TestModels.ModelA.model-yaml.g.cs", fixedRun.GeneratedSources.Keys);
    }

    [Fact]
    public void Pipeline_steps_keep_no_compilation_symbol_syntax_or_text()
    {
        var session = Start();
        session.Run();
        session.ReplaceAdditionalText(PathA, Spec("ModelA", 0.3));
        var run = session.Run();
        // YamlFiles is the filtered additional files themselves, and Roslyn's own steps carry syntax; every
        // other step of ours must hold plain values.
        var ours = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.Contains(TrackingNames.YamlModels, run.Result.TrackedSteps.Keys);
        run.AssertNoRoslynObjectsInSteps(run.Result.TrackedSteps.Keys.Where(k => !ours.Contains(k) || k == TrackingNames.YamlFiles).ToArray());
        // The check itself works: the additional files step does hold Roslyn objects.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => run.AssertNoRoslynObjectsInSteps(run.Result.TrackedSteps.Keys.Where(k => !ours.Contains(k)).ToArray()));
    }

    /// <summary>Spec B's outputs of the step were reused; spec A's were recomputed with a new value.</summary>
    private static void AssertReasons(GeneratorRun run, string step, Func<object, string> which)
    {
        var outputs = run.StepOutputs(step);
        Assert.Equal(2, outputs.Count);
        Assert.Contains(outputs.Single(o => which(o.Value) == "B").Reason, Reused);
        Assert.Equal(IncrementalStepRunReason.Modified, outputs.Single(o => which(o.Value) == "A").Reason);
    }
}
