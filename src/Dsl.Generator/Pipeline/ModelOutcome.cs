using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Dsl.Generator.Analysis;

namespace Dsl.Generator.Pipeline;

/// <summary>One declaration's end state in the pipeline: a checked model (when it parsed) and every diagnostic for it.</summary>
internal sealed record ModelOutcome(ModelAnalysis? Analysis, EquatableArray<DiagnosticInfo> Diagnostics);
