using System;
using System.Linq;
using Dsl.Generator.Tests.Emit;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Tests.Pipeline;

/// <summary>
/// The generator must not redo model work on edits that do not touch a model: in an IDE it runs on every
/// keystroke. Each model step must come back Cached or Unchanged, and no step may keep Roslyn objects
/// (symbols, syntax, compilations), which would defeat caching and hold memory.
/// </summary>
public class IncrementalCachingTests
{
    private static readonly string[] ModelSteps = { TrackingNames.AttributeModels, TrackingNames.Analysis };

    [Fact]
    public void An_unrelated_edit_leaves_every_model_step_cached()
    {
        var session = GeneratorHarness.Start(new[] { SeedSpecs.Attributes, "class Other { int X => 1; }" });
        session.Run();
        session.SetSource("/src/File1.cs", "class Other { int X => 2; int Y => 3; }");
        var run = session.Run();

        foreach (var step in ModelSteps)
        {
            var outputs = run.StepOutputs(step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o =>
                Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }
    }

    [Fact]
    public void Editing_one_model_regenerates_it_and_leaves_the_other_cached()
    {
        const string small = "using Dsl;\n[Input(10)]\n[Dense(2)]\npublic partial class Small;\n";
        var session = GeneratorHarness.Start(new[] { SeedSpecs.Attributes, small });
        session.Run();
        session.SetSource("/src/File1.cs", small.Replace("Dense(2)", "Dense(3)", StringComparison.Ordinal));
        var run = session.Run();

        var analyses = run.StepOutputs(TrackingNames.Analysis);
        Assert.Contains(analyses, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(analyses, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_one_graph_model_reruns_only_its_steps()
    {
        var session = GeneratorHarness.Start(new[] { SeedSpecs.Attributes, YamlGraphTests.ResidualAttributes });
        session.Run();
        session.SetSource("/src/File1.cs", YamlGraphTests.ResidualAttributes.Replace("[Dense(2,", "[Dense(3,", StringComparison.Ordinal));
        var run = session.Run();

        var analyses = run.StepOutputs(TrackingNames.Analysis);
        var modified = Assert.Single(analyses, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal("Residual", ((ModelOutcome)modified.Value).Analysis!.Spec.ClassName);
        // The seed file's models (the three seed architectures and the sample's twins) stay cached.
        Assert.Equal(SeedSpecs.Models.Length + SeedSpecs.SampleModels, analyses.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains("(None, 3)", run.GeneratedSources["App.Residual.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_typed_above_a_model_in_its_own_file_reruns_no_analysis_or_rendering()
    {
        const string model = "using Dsl;\nnamespace App;\n\n[Input(10)]\n[Dense(4, From = \"nowhere\")]\n[Dense(2)]\npublic partial class Moved;\n";
        var session = GeneratorHarness.Start(new[] { SeedSpecs.Attributes, model });
        var before = session.Run();
        session.SetSource("/src/File1.cs", model.Replace("\n\n[Input", "\n// A comment that moves the model two lines down.\n//\n\n[Input", StringComparison.Ordinal));
        var run = session.Run();

        // The spec is equal (its locations count from the model's first attribute), so nothing downstream re-runs...
        foreach (var step in new[] { TrackingNames.AnalysisInputs, TrackingNames.Analysis, TrackingNames.ModelSources })
        {
            var outputs = run.StepOutputs(step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }
        // ...and the model's error still lands on its attribute, two lines further down.
        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(Assert.Single(before.GeneratorDiagnostics).Location.GetLineSpan().StartLinePosition.Line + 2, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("Dense(4, From = \"nowhere\")", run.OutputCompilation.SyntaxTrees.Single(t => t.FilePath == "/src/File1.cs").GetText().ToString(error.Location.SourceSpan));
    }

    [Fact]
    public void Editing_a_block_used_by_two_models_regenerates_both_and_its_class()
    {
        const string block = "using Dsl;\nnamespace App;\n[Block]\n[Param(\"units\", 4)]\n[Dense(\"$units\", Activation = Activation.ReLU)]\npublic partial class Hidden;\n";
        const string models = "using Dsl;\nnamespace App;\n[Input(8)]\n[Use(typeof(Hidden))]\n[Dense(2)]\npublic partial class A;\n\n[Input(8)]\n[Use(typeof(Hidden), \"units: 6\")]\n[Dense(2)]\npublic partial class B;\n";
        var session = GeneratorHarness.Start(new[] { SeedSpecs.Attributes, block, models });
        session.Run();
        session.SetSource("/src/File1.cs", block.Replace("Activation.ReLU", "Activation.Tanh", StringComparison.Ordinal));
        var run = session.Run();

        var analyses = run.StepOutputs(TrackingNames.Analysis);
        var modified = analyses.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => ((ModelOutcome)o.Value).Analysis!.Spec.ClassName).Order();
        Assert.Equal(new[] { "A", "B" }, modified);
        // The seed file's models (the three seed architectures and the sample's twins) do not use the block:
        // re-analysed against the new library, they come out the same.
        Assert.Equal(SeedSpecs.Models.Length + SeedSpecs.SampleModels, analyses.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains("tanh", run.GeneratedSources["App.Hidden.block.g.cs"], StringComparison.Ordinal);
        Assert.Equal(2, run.GeneratedSources["App.Hidden.block.g.cs"].Split("internal static readonly global::Dsl.Support.BlockPlan Plan_").Length - 1);
    }

    [Fact]
    public void No_step_keeps_symbols_syntax_or_compilations()
    {
        var run = GeneratorHarness.Run(
            new[] { SeedSpecs.Attributes, SnapshotTests.EveryFeature, YamlGraphTests.ResidualAttributes, "using Dsl;\nnamespace App;\n" + Diagnostics.BlockDiagnosticsTests.ResBlock },
            new[] { GeneratorHarness.Yaml("Net.model.yaml", YamlBlockTests.NetYaml.Replace("model: Net", "model: YamlNet", StringComparison.Ordinal)) });
        // Only Roslyn's own ForAttributeWithMetadataName steps, which legitimately carry syntax, are skipped.
        var ours = typeof(TrackingNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        // The YAML files step passes the additional files on by design (each is read in the next step).
        run.AssertNoRoslynObjectsInSteps(run.Result.TrackedSteps.Keys.Where(k => !ours.Contains(k)).Append(TrackingNames.YamlFiles).ToArray());
    }
}
