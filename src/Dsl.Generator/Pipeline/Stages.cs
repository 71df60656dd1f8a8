using System;
using System.Linq;
using System.Threading;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;
using Dsl.Generator.Parsing;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;

namespace Dsl.Generator.Pipeline;

/// <summary>
/// The steps of the pipeline, each run so that an unexpected exception becomes a DSL999 diagnostic instead of
/// escaping into the compiler (which would drop all generated output with a vague CS8785 warning). Cancellation
/// still propagates.
/// </summary>
internal static class Stages
{
    /// <summary>
    /// Tests only: when set, a stage throws for the subjects it returns true for (stage name, model or file), so that a
    /// test build can prove a crash becomes DSL999 at the model and the other models still generate.
    /// </summary>
    internal static Func<string, string, bool>? InjectedFault { get; set; }

    /// <summary>Parse: the class whose [Input] triggered the pipeline, into a spec.</summary>
    public static ParseResult ParseAttributes(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Run(nameof(ParseAttributes), context.TargetSymbol.Name, () => AttributeModelParser.Parse(context, cancellationToken));

    /// <summary>Parse: one <c>*.model.yaml</c> file, into a spec.</summary>
    public static ParseResult ParseYaml(AdditionalText file, DefaultNamespace defaults, CancellationToken cancellationToken) =>
        Run(nameof(ParseYaml), file.Path, () => YamlModelParser.Parse(file.Path, file.GetText(cancellationToken), defaults, cancellationToken));

    /// <summary>Analyze: shapes, counts and checks of a parsed spec.</summary>
    public static ModelOutcome Analyze(ParseResult parsed)
    {
        if (parsed.Spec is null)
            return new ModelOutcome(null, parsed.Diagnostics);
        try
        {
            Inject(nameof(Analyze), parsed.Spec.ClassName);
            var analysis = ModelAnalyzer.Analyze(parsed.Spec);
            return new ModelOutcome(analysis, parsed.Diagnostics.Concat(analysis.Diagnostics).ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ModelOutcome(null, parsed.Diagnostics.Concat(new[] { Internal(parsed.Spec.ClassName, e, parsed.Spec.Location) }).ToEquatableArray());
        }
    }

    /// <summary>Check: a class with layer attributes but no [Input] (DSL001), or null.</summary>
    public static DiagnosticInfo? FindMissingInput(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return AttributeModelParser.FindMissingInput(context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Internal(context.TargetSymbol.Name, e, SourceLocation.None);
        }
    }

    /// <summary>Check: a YAML model against the names of every other model.</summary>
    public static YamlModel CheckYamlNames(ModelOutcome outcome, YamlNameIndex index)
    {
        try
        {
            return YamlModelNames.Check(outcome, index);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var location = outcome.Analysis?.Spec.Location ?? SourceLocation.None;
            return new YamlModel(null, outcome.Diagnostics.Concat(new[] { Internal(outcome.Analysis?.Spec.ClassName ?? "a YAML model", e, location) }).ToEquatableArray(), string.Empty);
        }
    }

    /// <summary>
    /// Emit: writes one model and adds it. A failure, including a hint name that clashes with another model's
    /// (names differing only in case), is reported as DSL999 rather than thrown.
    /// </summary>
    public static void EmitModel(SourceProductionContext context, ModelAnalysis model, string hintName) =>
        AddSource(context, model.Spec.ClassName, hintName, () =>
        {
            Inject(nameof(EmitModel), model.Spec.ClassName);
            return ModelEmitter.Emit(model);
        }, model.Spec.Location);

    /// <summary>Emit: the assembly's model catalog.</summary>
    public static void EmitCatalog(SourceProductionContext context, EquatableArray<string> models) =>
        AddSource(context, "ModelCatalog", CatalogEmitter.HintName, () => CatalogEmitter.Emit(models), SourceLocation.None);

    public static DiagnosticInfo Internal(string subject, Exception e, SourceLocation location) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, subject, e.GetType().Name + ": " + e.Message);

    private static void Inject(string stage, string subject)
    {
        if (InjectedFault?.Invoke(stage, subject) == true)
            throw new InvalidOperationException("fault injected into " + stage + " for " + subject);
    }

    private static ParseResult Run(string stage, string subject, Func<ParseResult> parse)
    {
        try
        {
            Inject(stage, subject);
            return parse();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ParseResult.Failed(Internal(subject, e, SourceLocation.None));
        }
    }

    private static void AddSource(SourceProductionContext context, string subject, string hintName, Func<string> emit, SourceLocation location)
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
}
