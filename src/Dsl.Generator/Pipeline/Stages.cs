using System;
using System.Collections.Generic;
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

    /// <summary>Parse: the class whose [Input] triggered the pipeline, into a model's spec.</summary>
    public static ParseResult ParseAttributes(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Run(nameof(ParseAttributes), context.TargetSymbol.Name, () => AttributeModelParser.Parse(context, GraphRole.Model, cancellationToken));

    /// <summary>Parse: the class whose [Block] triggered the pipeline, into a block's spec.</summary>
    public static ParseResult ParseAttributeBlock(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Run(nameof(ParseAttributeBlock), context.TargetSymbol.Name, () => AttributeModelParser.Parse(context, GraphRole.Block, cancellationToken));

    /// <summary>Parse: one YAML file, into a model's or a block's spec.</summary>
    public static ParseResult ParseYaml(AdditionalText file, DefaultNamespace defaults, CancellationToken cancellationToken) =>
        Run(nameof(ParseYaml), file.Path, () => YamlModelParser.Parse(file.Path, file.GetText(cancellationToken), defaults, cancellationToken));

    /// <summary>Analyze: shapes, counts and checks of a parsed model, against the compilation's blocks.</summary>
    public static ModelOutcome Analyze(AnalysisInput parsed, BlockLibrary library, Budget? projectBudget = null)
    {
        if (parsed.Spec is null or { IsBroken: true })
            return new ModelOutcome(null, parsed.Diagnostics);
        try
        {
            Inject(nameof(Analyze), parsed.Spec.ClassName);
            // A model's own [Budget] replaces the project's defaults.
            var spec = parsed.Spec.Budget is null && projectBudget is { IsEmpty: false } ? parsed.Spec with { Budget = projectBudget } : parsed.Spec;
            var analysis = GraphRun.AnalyzeModel(spec, library);
            return new ModelOutcome(analysis, parsed.Diagnostics.Concat(analysis.Diagnostics).ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ModelOutcome(null, parsed.Diagnostics.Concat(new[] { Internal(parsed.Spec.ClassName, e, parsed.Spec.Location) }).ToEquatableArray());
        }
    }

    /// <summary>Check: a block's declaration on its own (its uses are checked where they are).</summary>
    public static EquatableArray<DiagnosticInfo> CheckBlock(AnalysisInput parsed, BlockLibrary library)
    {
        if (parsed.Spec is null or { IsBroken: true })
            return parsed.Diagnostics;
        try
        {
            Inject(nameof(CheckBlock), parsed.Spec.ClassName);
            var own = GraphRun.CheckDeclaration(parsed.Spec, new AnalysisSession(library));
            var others = library.Blocks.Where(b => b.FullName == parsed.Spec.FullName && b.AnchorKey != parsed.Spec.AnchorKey).ToList();
            var duplicate = others.Count == 0
                ? Array.Empty<DiagnosticInfo>()
                : new[] { DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateBlock, parsed.Spec.Location, parsed.Spec.FullName, string.Join(", ", others.Select(o => o.Source))) };
            return parsed.Diagnostics.Concat(own).Concat(duplicate).ToEquatableArray();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return parsed.Diagnostics.Concat(new[] { Internal(parsed.Spec.ClassName, e, parsed.Spec.Location) }).ToEquatableArray();
        }
    }

    /// <summary>Check: a class with layer attributes but neither [Input] nor [Block] (DSL001), or null.</summary>
    public static DiagnosticInfo? FindMissingInput(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return AttributeModelParser.FindMissingInput(context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Internal("a class", e, SourceLocation.None);
        }
    }

    /// <summary>Check: a YAML declaration against the names of every other declaration.</summary>
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

    /// <summary>Render: a sound model's source and its block instances' code.</summary>
    public static ModelCode Render(ModelAnalysis model)
    {
        try
        {
            // A crash while writing the model's source is reported as the emit step's, at the model.
            Inject(nameof(EmitModel), model.Spec.ClassName);
            var source = ModelEmitter.Emit(model);
            var instances = BlockTemplate.Instances(model.Graph);
            return new ModelCode(model.Spec.FullName, source, instances.ToEquatableArray(), EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ModelCode(model.Spec.FullName, string.Empty, EquatableArray<BlockInstanceCode>.Empty, EquatableArray.Of(Internal(model.Spec.ClassName, e, model.Spec.Location)));
        }
    }

    /// <summary>The block files to write: every block some model uses, with its distinct instances, under unique hint names.</summary>
    public static IEnumerable<BlockFile> BlockFiles(IEnumerable<BlockInstanceCode> instances, BlockLibrary library)
    {
        var byBlock = instances.GroupBy(i => i.Block, StringComparer.Ordinal).ToList();
        var names = byBlock.Select(g => g.Key).ToList();
        foreach (var group in byBlock.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var spec = library.Blocks.FirstOrDefault(b => b.FullName == group.Key);
            if (spec is null)
                continue;
            var distinct = group.GroupBy(i => i.PlanId, StringComparer.Ordinal).Select(g => g.First()).OrderBy(i => i.PlanId, StringComparer.Ordinal);
            yield return new BlockFile(HintNames.For(group.Key, names, ".block"), BlockHeader.Of(spec), distinct.ToEquatableArray());
        }
    }

    /// <summary>Emit: a model's rendered source.</summary>
    public static void EmitModel(SourceProductionContext context, ModelCode code, string hintName) =>
        AddSource(context, code.FullName, hintName, () => code.Source);

    /// <summary>Emit: a block's class for all its uses.</summary>
    public static void EmitBlock(SourceProductionContext context, BlockFile file) =>
        AddSource(context, file.Header.ClassName, file.HintName, () =>
        {
            Inject(nameof(EmitBlock), file.Header.ClassName);
            return BlockEmitter.Emit(file.Header, file.Instances);
        });

    /// <summary>Emit: the assembly's model catalog.</summary>
    public static void EmitCatalog(SourceProductionContext context, EquatableArray<string> models) =>
        AddSource(context, "ModelCatalog", CatalogEmitter.HintName, () => CatalogEmitter.Emit(models));

    /// <summary>Every diagnostic, its locations made absolute against the current anchors, deduplicated.</summary>
    public static IEnumerable<DiagnosticInfo> Resolve(IEnumerable<DiagnosticInfo> diagnostics, IEnumerable<Anchor> anchors)
    {
        var table = new Dictionary<string, Anchor>(StringComparer.Ordinal);
        foreach (var anchor in anchors)
            table[anchor.Key] = anchor;
        return diagnostics.Select(d => d.Resolve(table)).Distinct();
    }

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

    private static void AddSource(SourceProductionContext context, string subject, string hintName, Func<string> emit)
    {
        try
        {
            context.AddSource(hintName, emit());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(Internal(subject, e, SourceLocation.None).ToDiagnostic(null));
        }
    }
}
