using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Dsl.Generator.Analysis;

namespace Dsl.Generator.Yaml;

/// <summary>
/// A YAML spec's end state in the pipeline: the checked model when a class is to be generated for it (no
/// errors, and a name no other declaration claims), every diagnostic for the file, and a hint name unique
/// among all generated files.
/// </summary>
internal sealed record YamlModel(ModelAnalysis? Generated, EquatableArray<DiagnosticInfo> Diagnostics, string HintName);
