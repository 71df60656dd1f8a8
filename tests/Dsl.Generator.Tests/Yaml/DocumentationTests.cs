using System;
using System.IO;
using System.Linq;
using Dsl.Generator.Layers;
using Dsl.Generator.Tests.Infrastructure;

namespace Dsl.Generator.Tests.Yaml;

/// <summary>Adding a layer kind includes its line in the docs: the README's attribute table and the YAML format's key table.</summary>
public class DocumentationTests
{
    [Fact]
    public void Every_kind_is_in_the_readme_attribute_table_and_the_yaml_key_table()
    {
        string root = SeedTwinTests.RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string yaml = File.ReadAllText(Path.Combine(root, "src", "Dsl.Generator", "Yaml", "README.md"));
        var attributeRows = readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        var yamlRows = yaml.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        var missing = LayerRegistry.All
            .Where(kind => !attributeRows.Any(row => row.Contains("`" + kind.Kind + "(", StringComparison.Ordinal) || row.Contains("`" + kind.Kind + "`", StringComparison.Ordinal)))
            .Select(kind => "README.md: " + kind.Kind)
            .Concat(LayerRegistry.All
                .Where(kind => !yamlRows.Any(row => row.Contains("`" + kind.KerasName + "`", StringComparison.Ordinal)))
                .Select(kind => "Yaml/README.md: " + kind.KerasName))
            .ToList();
        Assert.True(missing.Count == 0, "Not documented: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_readme_graph_examples_generate_the_same_model_in_both_forms()
    {
        string readme = File.ReadAllText(Path.Combine(SeedTwinTests.RepositoryRoot(), "README.md"));
        string section = readme[readme.IndexOf("### Graphs", StringComparison.Ordinal)..];
        string csharp = Block(section, "```csharp\n");
        string yaml = Block(section, "```yaml\n");

        var attributes = GeneratorHarness.Run(new[] { "using Dsl;\nnamespace App;\n" + csharp });
        attributes.AssertGeneratorHealthy();
        Assert.Empty(attributes.GeneratorDiagnostics);
        var fromYaml = YamlAssert.Run("namespace: App\n" + yaml);
        Assert.Empty(fromYaml.GeneratorDiagnostics);

        string Parameters(string source) => source.Split('\n').Single(l => l.Contains("public const long ParameterCount", StringComparison.Ordinal));
        Assert.Equal(Parameters(attributes.GeneratedSources["App.Residual.g.cs"]), Parameters(fromYaml.GeneratedSources["App.Residual.model-yaml.g.cs"]));
    }

    /// <summary>
    /// Each README section on blocks, shared layers and several inputs has one C# example and the same in YAML (a file
    /// per fence): both generate without a diagnostic, and every model of the section has the same expanded summary
    /// (every layer, shape and count) in both forms.
    /// </summary>
    [Theory]
    [InlineData("### Blocks", "SmallResNet")]
    [InlineData("### Shared layers", "SamePair")]
    [InlineData("### Several inputs and outputs, typed inputs", "ImageAndMetadata")]
    public void The_readme_examples_generate_the_same_model_in_both_forms(string heading, string model)
    {
        string readme = File.ReadAllText(Path.Combine(SeedTwinTests.RepositoryRoot(), "README.md"));
        int start = readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, heading + " is not in the README");
        int end = readme.IndexOf("\n### ", start + heading.Length, StringComparison.Ordinal);
        string section = readme[start..end];
        string csharp = Block(section, "```csharp\n");
        var yamlFiles = Blocks(section, "```yaml\n")
            .Select((text, i) => GeneratorHarness.Yaml((text.StartsWith("block:", StringComparison.Ordinal) ? "Block" + i + ".block.yaml" : "Model" + i + ".model.yaml"), "namespace: App\n" + text))
            .ToArray();

        var attributes = GeneratorHarness.Run(new[] { "using Dsl;\nnamespace App;\n" + csharp });
        attributes.AssertGeneratorHealthy();
        Assert.Empty(attributes.GeneratorDiagnostics);
        Assert.Empty(attributes.CompilationDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        var fromYaml = GeneratorHarness.Run(additionalTexts: yamlFiles);
        fromYaml.AssertGeneratorHealthy();
        Assert.Empty(fromYaml.GeneratorDiagnostics);
        Assert.Empty(fromYaml.CompilationDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));

        foreach (var member in new[] { "public const string Summary ", "public const string ExpandedSummary ", "public const long ParameterCount " })
        {
            string Line(string source) => source.Split('\n').Single(l => l.Contains(member, StringComparison.Ordinal));
            Assert.Equal(Line(attributes.GeneratedSources["App." + model + ".g.cs"]), Line(fromYaml.GeneratedSources["App." + model + ".model-yaml.g.cs"]));
        }
    }

    [Fact]
    public void The_yaml_format_examples_generate_without_a_diagnostic()
    {
        string format = File.ReadAllText(Path.Combine(SeedTwinTests.RepositoryRoot(), "src", "Dsl.Generator", "Yaml", "README.md"));
        var files = Blocks(format, "```yaml\n")
            .Where(text => text.StartsWith("model:", StringComparison.Ordinal) || text.StartsWith("block:", StringComparison.Ordinal))
            .Select((text, i) => GeneratorHarness.Yaml("Example" + i + (text.StartsWith("block:", StringComparison.Ordinal) ? ".block.yaml" : ".model.yaml"), text))
            .ToArray();
        Assert.Equal(5, files.Length);
        var run = GeneratorHarness.Run(additionalTexts: files);
        run.AssertGeneratorHealthy();
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    private static System.Collections.Generic.IEnumerable<string> Blocks(string text, string fence)
    {
        for (int at = text.IndexOf(fence, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fence, at, StringComparison.Ordinal))
        {
            at += fence.Length;
            int close = text.IndexOf("```", at, StringComparison.Ordinal);
            yield return text[at..close];
            at = close + 3;
        }
    }

    private static string Block(string text, string fence)
    {
        int start = text.IndexOf(fence, StringComparison.Ordinal) + fence.Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
