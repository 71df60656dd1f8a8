using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Dsl.Generator.Tests.Emit;
using Dsl.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Generator.Tests.Pipeline;

/// <summary>
/// The generator must not redo model work on edits that do not touch a model: in an IDE it runs on every
/// keystroke. Each tracked step must come back Cached or Unchanged, and no step may keep Roslyn objects
/// (symbols, syntax, compilations), which would defeat caching and hold memory.
/// </summary>
public class IncrementalCachingTests
{
    private static readonly string[] ModelSteps = { TrackingNames.AttributeModels, TrackingNames.Analysis };

    [Fact]
    public void An_unrelated_edit_leaves_every_model_step_cached()
    {
        var compilation = GeneratorHarness.Compilation(("Model1.cs", SnapshotTests.SeedModel1), ("Other.cs", "class Other { int X => 1; }"));
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var otherTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Other.cs");
        var edited = compilation.ReplaceSyntaxTree(otherTree, CSharpSyntaxTree.ParseText("class Other { int X => 2; int Y => 3; }", GeneratorHarness.ParseOptions, "Other.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in ModelSteps)
        {
            var runs = result.TrackedSteps[step];
            Assert.NotEmpty(runs);
            Assert.All(runs.SelectMany(r => r.Outputs), o =>
                Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }
    }

    [Fact]
    public void Editing_one_model_regenerates_it_and_leaves_the_other_cached()
    {
        const string second = "using Dsl;\n[Input(10)]\n[Dense(2)]\npublic partial class Small;\n";
        var compilation = GeneratorHarness.Compilation(("Model1.cs", SnapshotTests.SeedModel1), ("Small.cs", second));
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var smallTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Small.cs");
        var edited = compilation.ReplaceSyntaxTree(smallTree, CSharpSyntaxTree.ParseText(second.Replace("Dense(2)", "Dense(3)", StringComparison.Ordinal), GeneratorHarness.ParseOptions, "Small.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var analyses = result.TrackedSteps[TrackingNames.Analysis].SelectMany(r => r.Outputs).ToList();
        Assert.Contains(analyses, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(analyses, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void No_step_keeps_symbols_syntax_or_compilations()
    {
        var compilation = GeneratorHarness.Compilation(("Model1.cs", SnapshotTests.SeedModel1), ("Every.cs", SnapshotTests.EveryFeature));
        var result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();

        // Our own steps (Roslyn's internal ForAttributeWithMetadataName steps legitimately hold syntax).
        var ours = typeof(TrackingNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        foreach (var (step, runs) in result.TrackedSteps.Where(s => ours.Contains(s.Key)))
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
                AssertNoRoslynObjects(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void AssertNoRoslynObjects(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
            return;
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SyntaxTree or SemanticModel or AdditionalText,
            $"step {step} keeps a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
                AssertNoRoslynObjects(item, step, seen);
            return;
        }
        if (value.GetType().Namespace?.StartsWith("Dsl.Generator", StringComparison.Ordinal) != true && !value.GetType().IsGenericType)
            return;
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertNoRoslynObjects(field.GetValue(value), step, seen);
    }
}
