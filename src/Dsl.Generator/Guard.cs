using System;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;
using Dsl.Generator.Parsing;
using Dsl.Generator.Shapes;

namespace Dsl.Generator;

/// <summary>
/// Runs pipeline steps so that an unexpected exception becomes a DSL999 diagnostic instead of escaping into
/// the compiler (which would drop all generated output with a vague CS8785 warning). Cancellation still propagates.
/// </summary>
internal static class Guard
{
    public static ParseResult Parse(string subject, Func<ParseResult> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ParseResult.Failed(Internal(subject, e, SourceLocation.None));
        }
    }

    public static DiagnosticInfo? Check(string subject, Func<DiagnosticInfo?> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Internal(subject, e, SourceLocation.None);
        }
    }

    public static ModelOutcome Analyze(ParseResult parsed)
    {
        if (parsed.Spec is null)
            return new ModelOutcome(null, parsed.Diagnostics);
        try
        {
            var analysis = ModelAnalyzer.Analyze(parsed.Spec);
            return new ModelOutcome(analysis, parsed.Diagnostics.Concat(analysis.Diagnostics).ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ModelOutcome(null, parsed.Diagnostics.Concat(new[] { Internal(parsed.Spec.ClassName, e, parsed.Spec.Location) }).ToEquatableArray());
        }
    }

    /// <summary>
    /// Emits and adds one generated file. A failure, including a hint name that clashes with another model's
    /// (names differing only in case), is reported as DSL999 rather than thrown.
    /// </summary>
    public static void AddSource(Microsoft.CodeAnalysis.SourceProductionContext context, string subject, string hintName, Func<string> emit, SourceLocation location)
    {
        try
        {
            context.AddSource(hintName, emit());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Internal(subject, e, location).ToDiagnostic(null));
        }
    }

    public static DiagnosticInfo Internal(string subject, Exception e, SourceLocation location) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, subject, e.GetType().Name + ": " + e.Message);
}
