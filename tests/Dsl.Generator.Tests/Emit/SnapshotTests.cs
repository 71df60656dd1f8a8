using System.Linq;
using Dsl.Generator.Tests.Infrastructure;
using Dsl.Generator.Tests.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Generator.Tests.Emit;

/// <summary>The generated code, checked in as verified snapshots, and proof that it compiles cleanly.</summary>
public class SnapshotTests
{
    // Asymmetric "same" padding (conv and both pools), BatchNorm on images and vectors, global pooling,
    // non-square windows, no bias, and a nested class in the global namespace.
    internal const string EveryFeature = """
        using Dsl;

        public static partial class Experiments
        {
            [Input(3, 14, 14)]
            [Conv2D(8, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.GELU)]
            [BatchNorm]
            [MaxPool2D(2, Padding = Padding.Same)]
            [AvgPool2D(2, 3, Strides = new[] { 1, 2 }, Padding = Padding.Same)]
            [Conv2D(4, 1, UseBias = false, Activation = Activation.LeakyReLU)]
            [GlobalAvgPool2D]
            [BatchNorm(Momentum = 0.9)]
            [Dense(3, Activation = Activation.LogSoftmax)]
            internal partial class EveryFeature;
        }
        """;

    [Fact]
    public void Seed_model_1()
    {
        var output = GeneratorHarness.Run(new[] { SeedSpecs.Attributes });
        Assert.Empty(output.GeneratorDiagnostics);
        Snapshot.Verify("SeedModel1", output.GeneratedSources[SeedSpecs.AttributeNamespace + ".SeedModel1.g.cs"]);
    }

    [Fact]
    public void Every_feature_in_one_nested_model()
    {
        var output = GeneratorHarness.Run(new[] { EveryFeature });
        Assert.Empty(output.GeneratorDiagnostics);
        Snapshot.Verify("EveryFeature", output.GeneratedSources["Experiments.EveryFeature.g.cs"]);
    }

    [Fact]
    public void A_graph_model()
    {
        var output = GeneratorHarness.Run(new[] { YamlGraphTests.ResidualAttributes });
        Assert.Empty(output.GeneratorDiagnostics);
        Snapshot.Verify("GraphModel", output.GeneratedSources["App.Residual.g.cs"]);
    }

    [Fact]
    public void Model_catalog()
    {
        var output = GeneratorHarness.Run(new[] { SeedSpecs.Attributes, EveryFeature });
        Snapshot.Verify("ModelCatalog", output.GeneratedSources["Dsl.ModelCatalog.g.cs"]);
    }

    [Fact]
    public void Generated_code_compiles_without_warnings_even_with_documentation_checks_on()
    {
        // Documentation mode "Diagnose" reports CS1591 for undocumented public members, as a user project with
        // GenerateDocumentationFile and warnings-as-errors would.
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "Documented",
            new[] { SeedSpecs.Attributes, EveryFeature }.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, $"Model{i}.cs")),
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var output = GeneratorHarness.Run(compilation);

        Assert.Empty(output.GeneratorDiagnostics);
        // Every model, the catalog and one class per block.
        Assert.Equal(SeedSpecs.Models.Length + SeedSpecs.SampleModels + 1 + 1 + SeedSpecs.SampleBlocks, output.GeneratedSources.Count);
        // The test's own hand-written wrapper class is undocumented; everything generated must be clean.
        var warnings = output.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        var generated = warnings.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) != false);
        var userCode = warnings.Except(generated).Where(d => d.Id != "CS1591");
        Assert.Empty(generated);
        Assert.Empty(userCode);
    }

    [Fact]
    public void Without_the_runtime_referenced_no_catalog_is_generated()
    {
        // A project that has the analyzer but not Dsl.Runtime must not get uncompilable code.
        var compilation = CSharpCompilation.Create("Bare", new[] { CSharpSyntaxTree.ParseText("class C { }") },
            GeneratorHarness.References.Where(r => !r.Display!.Contains("Dsl.Runtime", System.StringComparison.Ordinal)));
        var output = GeneratorHarness.Run(compilation);
        Assert.Empty(output.GeneratedSources);
        Assert.Empty(output.GeneratorDiagnostics);
    }
}
