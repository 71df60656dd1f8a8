using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Pipeline;

/// <summary>What a parser produced from one declaration: a spec when it could build one, and any problems.</summary>
internal sealed record ParseResult(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ParseResult Skip { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty);

    public static ParseResult Failed(DiagnosticInfo diagnostic) => new(null, EquatableArray.Of(diagnostic));
}
