using System;
using System.Collections.Immutable;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;
using Dsl.Generator.Parsing;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Generator;

/// <summary>
/// Turns model declarations (attributes on a partial class, or <c>*.model.yaml</c> additional files) into
/// TorchSharp modules with compile-time shapes, parameter counts and summaries. Pipeline: parse (symbols → plain <see cref="ModelSpec"/>) → analyze
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

        var attributeModelNames = models
            .Where(static outcome => outcome.Analysis is not null)
            .Select(static (outcome, _) => outcome.Analysis!.Spec.FullName)
            .Collect()
            .Select(static (names, _) => names.Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AttributeModelNames);
        context.RegisterSourceOutput(models.Combine(attributeModelNames), static (spc, pair) =>
        {
            if (pair.Left.Analysis is { HasErrors: false } model)
                Guard.AddSource(spc, model.Spec.ClassName, HintNames.For(model.Spec.FullName, pair.Right, string.Empty), () => ModelEmitter.Emit(model), model.Spec.Location);
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

        var yamlModels = YamlModels(context, models);
        context.RegisterSourceOutput(yamlModels, static (spc, model) =>
        {
            if (model.Generated is not { } analysis)
                return;
            Guard.AddSource(spc, analysis.Spec.ClassName, model.HintName, () => ModelEmitter.Emit(analysis), analysis.Spec.Location);
        });
        Report(context, yamlModels.SelectMany(static (model, _) => model.Diagnostics).Collect());

        var runtimeReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName("Dsl.ModelInfo") is not null)
            .WithTrackingName(TrackingNames.RuntimeReferenced);
        var attributeEntries = models
            .Where(static outcome => outcome.Analysis is { HasErrors: false, Spec.IsAccessibleFromAssembly: true })
            .Select(static (outcome, _) => "global::" + Identifier.EscapeDotted(outcome.Analysis!.Spec.FullName));
        var yamlEntries = yamlModels
            .Where(static model => model.Generated is not null)
            .Select(static (model, _) => "global::" + Identifier.EscapeDotted(model.Generated!.Spec.FullName));
        var catalogEntries = attributeEntries.Collect()
            .Combine(yamlEntries.Collect())
            .Select(static (pair, _) => pair.Left.AddRange(pair.Right).Sort(StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.CatalogEntries);
        context.RegisterSourceOutput(catalogEntries.Combine(runtimeReferenced), static (spc, pair) =>
        {
            if (pair.Right)
                Guard.AddSource(spc, "ModelCatalog", CatalogEmitter.HintName, () => CatalogEmitter.Emit(pair.Left), SourceLocation.None);
        });
    }

    /// <summary>
    /// The YAML pipeline: each <c>*.model.yaml</c> additional file is parsed into the same <see cref="ModelSpec"/>
    /// an attribute declaration gives and analysed alike, then checked against every other model's name.
    /// Per file throughout, so editing one spec re-runs only that spec's steps.
    /// </summary>
    private static IncrementalValuesProvider<YamlModel> YamlModels(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ModelOutcome> attributeModels)
    {
        // A file listed twice in AdditionalFiles would otherwise become two models with one hint name.
        var files = context.AdditionalTextsProvider
            .Where(static text => YamlModelParser.IsModelFile(text.Path))
            .Collect()
            .SelectMany(static (texts, _) => texts.GroupBy(text => text.Path, StringComparer.Ordinal).Select(group => group.First()))
            .WithTrackingName(TrackingNames.YamlFiles);

        var defaultNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(DefaultNamespace.RootNamespaceProperty, out var value) ? value : null)
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName))
            .Select(static (pair, _) => DefaultNamespace.Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.YamlDefaultNamespace);

        var outcomes = files
            .Combine(defaultNamespace)
            .Select(static (pair, ct) => Guard.Parse(pair.Left.Path, () => YamlModelParser.Parse(pair.Left.Path, pair.Left.GetText(ct), pair.Right, ct)))
            .WithTrackingName(TrackingNames.YamlModels)
            .Select(static (parsed, _) => Guard.Analyze(parsed))
            .WithTrackingName(TrackingNames.YamlAnalysis);

        var yamlNames = outcomes
            .Where(static outcome => outcome.Analysis is not null)
            .Select(static (outcome, _) => new YamlModelName(outcome.Analysis!.Spec.FullName, outcome.Analysis.Spec.Location.FilePath));
        // Nested attribute models are other types than a top-level class of the same namespace and name.
        var attributeNames = attributeModels
            .Where(static outcome => outcome.Analysis is { Spec.ContainingTypes.Count: 0 })
            .Select(static (outcome, _) => outcome.Analysis!.Spec.FullName);
        var index = yamlNames.Collect()
            .Combine(attributeNames.Collect())
            .Select(static (pair, _) => YamlNameIndex.Create(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.YamlNames);

        return outcomes
            .Combine(index)
            .Select(static (pair, _) => CheckNames(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.YamlOutcomes);
    }

    private static YamlModel CheckNames(ModelOutcome outcome, YamlNameIndex index)
    {
        try
        {
            return YamlModelNames.Check(outcome, index);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var location = outcome.Analysis?.Spec.Location ?? SourceLocation.None;
            return new YamlModel(null, outcome.Diagnostics.Concat(new[] { Guard.Internal(outcome.Analysis?.Spec.ClassName ?? "a YAML model", e, location) }).ToEquatableArray(), string.Empty);
        }
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
