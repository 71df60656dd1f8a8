using System;
using System.Collections.Immutable;
using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Model;
using Dsl.Generator.Parsing;
using Dsl.Generator.Pipeline;
using Dsl.Generator.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Generator;

/// <summary>
/// Turns model declarations (attributes on a partial class, or <c>*.model.yaml</c> additional files) into
/// TorchSharp modules with compile-time shapes, parameter counts and summaries.
/// <para>
/// Every declaration goes parse (symbols or YAML → a plain <see cref="ModelSpec"/>) → analyze (pure shape
/// inference, each layer asking its kind) → emit, one model per step so that editing one model re-runs only its
/// steps. Diagnostics travel beside the models and are bound back to their syntax trees when reported, so that
/// warnings can be suppressed with #pragma. Each step runs through <see cref="Stages"/>, which turns a crash into
/// DSL999.
/// </para>
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var attributeModels = AttributeModels(context);
        var yamlModels = YamlModels(context, attributeModels);
        var missingInputs = MissingInputs(context);

        // Outputs: a source file per model, one catalog per assembly, one stream of diagnostics.
        EmitModels(context, attributeModels, yamlModels);
        EmitCatalog(context, attributeModels, yamlModels);
        ReportDiagnostics(context, attributeModels, yamlModels, missingInputs);
    }

    /// <summary>Classes with [Input]: parsed into specs and analysed, one per class.</summary>
    private static IncrementalValuesProvider<ModelOutcome> AttributeModels(IncrementalGeneratorInitializationContext context) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Input, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => Stages.ParseAttributes(ctx, ct))
            .WithTrackingName(TrackingNames.AttributeModels)
            .Select(static (parsed, _) => Stages.Analyze(parsed))
            .WithTrackingName(TrackingNames.Analysis);

    /// <summary>
    /// Each <c>*.model.yaml</c> additional file, parsed into the same <see cref="ModelSpec"/> an attribute declaration
    /// gives and analysed alike, then checked against every other model's name. Per file throughout.
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
            .Select(static (pair, ct) => Stages.ParseYaml(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.YamlModels)
            .Select(static (parsed, _) => Stages.Analyze(parsed))
            .WithTrackingName(TrackingNames.YamlAnalysis);

        // Only names, so that editing a spec's layers leaves the index unchanged and the other specs cached.
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
            .Select(static (pair, _) => Stages.CheckYamlNames(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.YamlOutcomes);
    }

    /// <summary>
    /// A class with layers but no [Input] never reaches <see cref="AttributeModels"/>: every other DSL attribute
    /// watches for that, and the first one on the class reports it.
    /// </summary>
    private static IncrementalValueProvider<ImmutableArray<DiagnosticInfo>> MissingInputs(IncrementalGeneratorInitializationContext context) =>
        AttributeNames.All
            .Where(name => name != AttributeNames.Input)
            .Select(name => context.SyntaxProvider
                .ForAttributeWithMetadataName(name, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => Stages.FindMissingInput(ctx, ct))
                .WithTrackingName(TrackingNames.MissingInput)
                .Where(static diagnostic => diagnostic is not null)
                .Select(static (diagnostic, _) => diagnostic!)
                .Collect())
            .Aggregate(static (left, right) => left.Combine(right).Select(static (pair, _) => pair.Left.AddRange(pair.Right)));

    private static void EmitModels(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ModelOutcome> attributeModels, IncrementalValuesProvider<YamlModel> yamlModels)
    {
        // Hint names ignore case; numbering attribute models whose names differ only in case needs all their names.
        var attributeModelNames = attributeModels
            .Where(static outcome => outcome.Analysis is not null)
            .Select(static (outcome, _) => outcome.Analysis!.Spec.FullName)
            .Collect()
            .Select(static (names, _) => names.Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AttributeModelNames);
        context.RegisterSourceOutput(attributeModels.Combine(attributeModelNames), static (spc, pair) =>
        {
            if (pair.Left.Analysis is { HasErrors: false } model)
                Stages.EmitModel(spc, model, HintNames.For(model.Spec.FullName, pair.Right, string.Empty));
        });
        context.RegisterSourceOutput(yamlModels, static (spc, model) =>
        {
            if (model.Generated is { } analysis)
                Stages.EmitModel(spc, analysis, model.HintName);
        });
    }

    /// <summary><c>Dsl.ModelCatalog</c>, when the project references the runtime that defines <c>ModelInfo</c>.</summary>
    private static void EmitCatalog(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ModelOutcome> attributeModels, IncrementalValuesProvider<YamlModel> yamlModels)
    {
        var runtimeReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName("Dsl.ModelInfo") is not null)
            .WithTrackingName(TrackingNames.RuntimeReferenced);
        var attributeEntries = attributeModels
            .Where(static outcome => outcome.Analysis is { HasErrors: false, Spec.IsAccessibleFromAssembly: true })
            .Select(static (outcome, _) => "global::" + Identifier.EscapeDotted(outcome.Analysis!.Spec.FullName));
        var yamlEntries = yamlModels
            .Where(static model => model.Generated is not null)
            .Select(static (model, _) => "global::" + Identifier.EscapeDotted(model.Generated!.Spec.FullName));
        var entries = attributeEntries.Collect()
            .Combine(yamlEntries.Collect())
            .Select(static (pair, _) => pair.Left.AddRange(pair.Right).Sort(StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.CatalogEntries);
        context.RegisterSourceOutput(entries.Combine(runtimeReferenced), static (spc, pair) =>
        {
            if (pair.Right)
                Stages.EmitCatalog(spc, pair.Left);
        });
    }

    private static void ReportDiagnostics(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ModelOutcome> attributeModels,
        IncrementalValuesProvider<YamlModel> yamlModels,
        IncrementalValueProvider<ImmutableArray<DiagnosticInfo>> missingInputs)
    {
        var diagnostics = attributeModels.SelectMany(static (outcome, _) => outcome.Diagnostics).Collect()
            .Combine(yamlModels.SelectMany(static (model, _) => model.Diagnostics).Collect())
            .Combine(missingInputs)
            .Select(static (all, _) => all.Left.Left.AddRange(all.Left.Right).AddRange(all.Right))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var diagnostic in pair.Left)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });
    }
}
