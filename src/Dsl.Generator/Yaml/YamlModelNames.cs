using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;
using Dsl.Generator.Pipeline;

namespace Dsl.Generator.Yaml;

/// <summary>A name claimed by a YAML spec (a model's or a block's), with its file.</summary>
internal sealed record YamlModelName(string FullName, string FilePath, bool IsBlock);

/// <summary>
/// Every declared name in the project: those of YAML specs (with their files) and of attribute-declared top-level
/// classes, models and blocks. Only names, so that editing a spec's layers leaves it unchanged and the other specs'
/// pipeline steps stay cached.
/// </summary>
internal sealed record YamlNameIndex(EquatableArray<YamlModelName> Yaml, EquatableArray<string> AttributeModels, EquatableArray<string> AttributeBlocks)
{
    public static YamlNameIndex Create(IEnumerable<YamlModelName> yaml, IEnumerable<string> models, IEnumerable<string> blocks) => new(
        yaml.Distinct().OrderBy(n => n.FullName, StringComparer.Ordinal).ThenBy(n => n.FilePath, StringComparer.Ordinal).ToEquatableArray(),
        models.Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray(),
        blocks.Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());
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
        var clashes = Clashes(spec, index).ToList();
        bool generate = !analysis.HasErrors && clashes.Count == 0;
        return new YamlModel(generate ? analysis : null, outcome.Diagnostics.Concat(clashes).ToEquatableArray(), HintName(spec.FullName, index));
    }

    /// <summary>
    /// A YAML spec's name clashes, reported at its name: a model's with any other declaration's; a block's with a
    /// model's (two blocks of one name are the block library's to report, whatever declares them).
    /// </summary>
    public static IEnumerable<DiagnosticInfo> Clashes(GraphSpec spec, YamlNameIndex index)
    {
        string filePath = spec.AnchorKey.StartsWith("yaml:", StringComparison.Ordinal) ? spec.AnchorKey.Substring("yaml:".Length) : string.Empty;
        var others = index.Yaml
            .Where(n => n.FullName == spec.FullName && n.FilePath != filePath && !(spec.IsBlock && n.IsBlock))
            .Select(n => n.FilePath)
            .ToList();
        if (others.Count > 0)
            yield return DiagnosticInfo.Create(spec.IsBlock ? DiagnosticDescriptors.DuplicateBlock : DiagnosticDescriptors.DuplicateModel, spec.Location, spec.FullName, string.Join(", ", others));
        if (index.AttributeModels.Contains(spec.FullName) || (!spec.IsBlock && index.AttributeBlocks.Contains(spec.FullName)))
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.ModelAlsoDeclaredWithAttributes, spec.Location, spec.FullName);
    }

    /// <summary><c>Namespace.Class.model-yaml.g.cs</c>, numbered among YAML specs whose names differ only in case.</summary>
    public static string HintName(string fullName, YamlNameIndex index) =>
        HintNames.For(fullName, index.Yaml.Select(n => n.FullName), HintSuffix);
}
