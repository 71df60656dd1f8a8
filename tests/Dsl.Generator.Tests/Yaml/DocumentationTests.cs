using System;
using System.IO;
using System.Linq;
using Dsl.Generator.Layers;

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
}
