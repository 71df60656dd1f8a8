using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Pipeline;

/// <summary>
/// What a parser produced from one declaration: a spec when it could build one (with locations relative to the anchor),
/// the problems it found (absolute locations), and the declaration's anchor.
/// </summary>
internal sealed record ParseResult(GraphSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, Anchor? Anchor)
{
    public static ParseResult Skip { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty, null);

    public static ParseResult Failed(DiagnosticInfo diagnostic) => new(null, EquatableArray.Of(diagnostic), null);

    /// <summary>What analysis depends on: the spec and the parser's problems, not the anchor, so moving the declaration re-runs nothing.</summary>
    public AnalysisInput Input => new(Spec, Diagnostics);
}

/// <summary>The input of a declaration's analysis: its spec (null when it did not parse) and the parser's problems.</summary>
internal sealed record AnalysisInput(GraphSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
