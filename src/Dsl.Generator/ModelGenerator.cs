using System;
using System.Collections.Immutable;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;
using Dsl.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Generator;

/// <summary>
/// Turns model declarations (attributes on a partial class) into TorchSharp modules with compile-time shapes,
/// parameter counts and summaries. Pipeline: parse (symbols → plain <see cref="ModelSpec"/>) → analyze
/// (pure shape inference) → emit. Diagnostics travel separately and are bound back to their syntax trees
/// when reported, so that warnings can be suppressed with #pragma.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Input,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => Guard.Parse(ctx.TargetSymbol.Name, () => AttributeModelParser.Parse(ctx, ct)))
            .WithTrackingName(TrackingNames.AttributeModels)
            .Select(static (parsed, _) => Guard.Analyze(parsed))
            .WithTrackingName(TrackingNames.Analysis);

        context.RegisterSourceOutput(models, static (spc, outcome) =>
        {
            if (outcome.Analysis is { HasErrors: false } model)
                spc.AddSource(ModelEmitter.HintName(model.Spec), ModelEmitter.Emit(model));
        });
        Report(context, models.SelectMany(static (outcome, _) => outcome.Diagnostics).Collect());

        // A class with layers but no [Input] never reaches the pipeline above; every other DSL attribute
        // watches for that, and the first one on the class reports it.
        foreach (var attribute in AttributeNames.All.Where(name => name != AttributeNames.Input))
        {
            var missingInput = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => Guard.Check(ctx.TargetSymbol.Name, () => AttributeModelParser.FindMissingInput(ctx, ct)))
                .WithTrackingName(TrackingNames.MissingInput)
                .Where(static diagnostic => diagnostic is not null)
                .Select(static (diagnostic, _) => diagnostic!);
            Report(context, missingInput.Collect());
        }

        var runtimeReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName("Dsl.ModelInfo") is not null)
            .WithTrackingName(TrackingNames.RuntimeReferenced);
        var catalogEntries = models
            .Where(static outcome => outcome.Analysis is { HasErrors: false, Spec.IsAccessibleFromAssembly: true })
            .Select(static (outcome, _) => "global::" + outcome.Analysis!.Spec.FullName)
            .Collect()
            .Select(static (names, _) => names.Sort(StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.CatalogEntries);
        context.RegisterSourceOutput(catalogEntries.Combine(runtimeReferenced), static (spc, pair) =>
        {
            if (pair.Right)
                spc.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(pair.Left));
        });
    }

    private static void Report(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<ImmutableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(
            diagnostics.WithTrackingName(TrackingNames.Diagnostics).Combine(context.CompilationProvider),
            static (spc, pair) =>
            {
                foreach (var diagnostic in pair.Left)
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
            });
}
