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
        // The seed file's models (the three seed architectures and the sample's residual twin) stay cached.
        Assert.Equal(SeedSpecs.Models.Length + 1, analyses.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains("(None, 3)", run.GeneratedSources["App.Residual.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void No_step_keeps_symbols_syntax_or_compilations()
    {
        var run = GeneratorHarness.Run(new[] { SeedSpecs.Attributes, SnapshotTests.EveryFeature, YamlGraphTests.ResidualAttributes });
        // Only Roslyn's own ForAttributeWithMetadataName steps, which legitimately carry syntax, are skipped.
        var ours = typeof(TrackingNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        run.AssertNoRoslynObjectsInSteps(run.Result.TrackedSteps.Keys.Where(k => !ours.Contains(k)).ToArray());
    }
}
