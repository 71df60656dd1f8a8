using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;
using Dsl.Generator.Pipeline;

namespace Dsl.Generator.Yaml;

/// <summary>A model name claimed by a YAML spec.</summary>
internal sealed record YamlModelName(string FullName, string FilePath);

/// <summary>
/// Every model name in the project: those of YAML specs (with their files) and of attribute-declared
/// top-level classes. Only names, so that editing a spec's layers leaves it unchanged and the other specs'
/// pipeline steps stay cached.
/// </summary>
internal sealed record YamlNameIndex(EquatableArray<YamlModelName> Yaml, EquatableArray<string> Attributes)
{
    public static YamlNameIndex Create(IEnumerable<YamlModelName> yaml, IEnumerable<string> attributes) => new(
        yaml.Distinct().OrderBy(n => n.FullName, StringComparer.Ordinal).ThenBy(n => n.FilePath, StringComparer.Ordinal).ToEquatableArray(),
        attributes.Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());
}

/// <summary>Decides, from the name index, whether a parsed spec may be generated and under which hint name.</summary>
internal static class YamlModelNames
{
    /// <summary>
    /// Attribute models' hint names are their full names, which never contain '-'; so no YAML hint name can
    /// equal one.
    /// </summary>
    private const string HintSuffix = ".model-yaml";

    public static YamlModel Check(ModelOutcome outcome, YamlNameIndex index)
    {
        if (outcome.Analysis is not { } analysis)
            return new YamlModel(null, outcome.Diagnostics, string.Empty);

        var spec = analysis.Spec;
        string filePath = spec.Location.FilePath;
        var diagnostics = outcome.Diagnostics.ToList();
        var others = index.Yaml
            .Where(n => n.FullName == spec.FullName && n.FilePath != filePath)
            .Select(n => n.FilePath)
            .ToList();
        if (others.Count > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModel, spec.Location, spec.FullName, string.Join(", ", others)));
        if (index.Attributes.Contains(spec.FullName))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelAlsoDeclaredWithAttributes, spec.Location, spec.FullName));

        bool generate = !analysis.HasErrors && others.Count == 0 && !index.Attributes.Contains(spec.FullName);
        return new YamlModel(generate ? analysis : null, diagnostics.ToEquatableArray(), HintName(spec.FullName, index));
    }

    /// <summary><c>Namespace.Class.model-yaml.g.cs</c>, numbered among YAML specs whose names differ only in case.</summary>
    public static string HintName(string fullName, YamlNameIndex index) =>
        HintNames.For(fullName, index.Yaml.Select(n => n.FullName), HintSuffix);
}
