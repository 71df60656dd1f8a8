using System;
using System.Collections.Immutable;
using System.Linq;
using Dsl.Generator.Analysis;
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
/// Turns model and block declarations (attributes on a partial class, or <c>*.model.yaml</c> / <c>*.block.yaml</c>
/// additional files) into TorchSharp modules with compile-time shapes, parameter counts and summaries.
/// <para>
/// Every declaration goes parse (symbols or YAML → a plain <see cref="GraphSpec"/>, its locations relative to its
/// anchor) → analyze (pure shape inference, each layer asking its kind, each block use instantiating its block from the
/// compilation's <see cref="BlockLibrary"/>) → render, one model per step, so that editing one model re-runs only its
/// steps and moving it (a comment typed above it) re-runs none. A block's class is written once, from the instances
/// all models use. Diagnostics travel beside the models and are bound back to their syntax trees when reported, so that
/// warnings can be suppressed with #pragma. Each step runs through <see cref="Stages"/>, which turns a crash into DSL999.
/// </para>
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var attributeModels = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Input, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => Stages.ParseAttributes(ctx, ct))
            .WithTrackingName(TrackingNames.AttributeModels);
        var attributeBlocks = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Block, static (node, _) => node is ClassDeclarationSyntax, static (ctx, ct) => Stages.ParseAttributeBlock(ctx, ct))
            .WithTrackingName(TrackingNames.AttributeBlocks);
        var yaml = YamlDeclarations(context);
        var yamlModels = yaml.Where(static parsed => parsed.Spec is not { IsBlock: true });
        var yamlBlocks = yaml.Where(static parsed => parsed.Spec is { IsBlock: true });

        var library = attributeBlocks.Select(static (parsed, _) => parsed.Spec).Where(static spec => spec is not null).Collect()
            .Combine(yamlBlocks.Select(static (parsed, _) => parsed.Spec!).Collect())
            .Select(static (pair, _) => BlockLibrary.Create(pair.Left.Concat(pair.Right).Select(spec => spec!)))
            .WithTrackingName(TrackingNames.BlockLibrary);

        var projectBudget = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => ProjectBudget.Read(options.GlobalOptions))
            .WithTrackingName(TrackingNames.ProjectBudget);
        var environment = library.Combine(projectBudget);
        var attributeOutcomes = attributeModels
            .Select(static (parsed, _) => parsed.Input)
            .WithTrackingName(TrackingNames.AnalysisInputs)
            .Combine(environment)
            .Select(static (pair, _) => Stages.Analyze(pair.Left, pair.Right.Left, pair.Right.Right))
            .WithTrackingName(TrackingNames.Analysis);
        var names = NameIndex(yaml, attributeOutcomes, attributeBlocks);
        var yamlOutcomes = yamlModels
            .Select(static (parsed, _) => parsed.Input)
            .Combine(environment)
            .Select(static (pair, _) => Stages.Analyze(pair.Left, pair.Right.Left, pair.Right.Right))
            .WithTrackingName(TrackingNames.YamlAnalysis)
            .Combine(names)
            .Select(static (pair, _) => Stages.CheckYamlNames(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.YamlOutcomes);
        var blockChecks = attributeBlocks.Select(static (parsed, _) => parsed.Input).Combine(library)
            .Select(static (pair, _) => Stages.CheckBlock(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.BlockChecks);
        var yamlBlockChecks = yamlBlocks.Select(static (parsed, _) => parsed.Input).Combine(library).Combine(names)
            .Select(static (all, _) => Stages.CheckBlock(all.Left.Left, all.Left.Right).Concat(YamlModelNames.Clashes(all.Left.Left.Spec!, all.Right)).ToEquatableArray())
            .WithTrackingName(TrackingNames.BlockChecks);

        var attributeCode = attributeOutcomes
            .Where(static outcome => outcome.Analysis is { HasErrors: false })
            .Select(static (outcome, _) => Stages.Render(outcome.Analysis!))
            .WithTrackingName(TrackingNames.ModelSources);
        var yamlCode = yamlOutcomes
            .Where(static model => model.Generated is not null)
            .Select(static (model, _) => (Model: model, Code: Stages.Render(model.Generated!)))
            .WithTrackingName(TrackingNames.YamlSources);

        EmitModels(context, attributeCode, yamlCode);
        EmitBlocks(context, attributeCode, yamlCode, library);
        EmitCatalog(context, attributeOutcomes, yamlOutcomes);

        var anchors = attributeModels.Select(static (p, _) => p.Anchor).Collect()
            .Combine(attributeBlocks.Select(static (p, _) => p.Anchor).Collect())
            .Combine(yaml.Select(static (p, _) => p.Anchor).Collect())
            .Select(static (all, _) => all.Left.Left.AddRange(all.Left.Right).AddRange(all.Right).Where(a => a is not null).Select(a => a!).ToImmutableArray())
            .WithTrackingName(TrackingNames.Anchors);
        var diagnostics = attributeOutcomes.SelectMany(static (outcome, _) => outcome.Diagnostics).Collect()
            .Combine(yamlOutcomes.SelectMany(static (model, _) => model.Diagnostics).Collect())
            .Combine(blockChecks.SelectMany(static (d, _) => d).Collect())
            .Combine(yamlBlockChecks.SelectMany(static (d, _) => d).Collect())
            .Combine(attributeCode.SelectMany(static (code, _) => code.Diagnostics).Collect())
            .Combine(yamlCode.SelectMany(static (pair, _) => pair.Code.Diagnostics).Collect())
            .Combine(MissingInputs(context))
            .Select(static (all, _) => all.Left.Left.Left.Left.Left.Left
                .AddRange(all.Left.Left.Left.Left.Left.Right).AddRange(all.Left.Left.Left.Left.Right).AddRange(all.Left.Left.Left.Right)
                .AddRange(all.Left.Left.Right).AddRange(all.Left.Right).AddRange(all.Right))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(anchors).Combine(context.CompilationProvider), static (spc, all) =>
        {
            foreach (var diagnostic in Stages.Resolve(all.Left.Left, all.Left.Right))
                spc.ReportDiagnostic(diagnostic.ToDiagnostic(all.Right));
        });
    }

    /// <summary>
    /// Each <c>*.model.yaml</c> or <c>*.block.yaml</c> additional file, parsed into the same <see cref="GraphSpec"/> an
    /// attribute declaration gives. Per file throughout.
    /// </summary>
    private static IncrementalValuesProvider<ParseResult> YamlDeclarations(IncrementalGeneratorInitializationContext context)
    {
        // A file listed twice in AdditionalFiles would otherwise become two declarations with one hint name.
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

        return files
            .Combine(defaultNamespace)
            .Select(static (pair, ct) => Stages.ParseYaml(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.YamlModels);
    }

    /// <summary>
    /// Every declaration's full name, for the YAML checks against clashes. Only names, so that editing a spec's layers
    /// leaves the index unchanged and the other specs cached.
    /// </summary>
    private static IncrementalValueProvider<YamlNameIndex> NameIndex(
        IncrementalValuesProvider<ParseResult> yaml, IncrementalValuesProvider<ModelOutcome> attributeModels, IncrementalValuesProvider<ParseResult> attributeBlocks)
    {
        var yamlNames = yaml
            .Where(static parsed => parsed.Spec is not null)
            .Select(static (parsed, _) => new YamlModelName(parsed.Spec!.FullName, parsed.Anchor?.FilePath ?? string.Empty, parsed.Spec.IsBlock));
        // Nested attribute models are other types than a top-level class of the same namespace and name.
        var modelNames = attributeModels
            .Where(static outcome => outcome.Analysis is { Spec.ContainingTypes.Count: 0 })
            .Select(static (outcome, _) => outcome.Analysis!.Spec.FullName);
        var blockNames = attributeBlocks
            .Where(static parsed => parsed.Spec is { ContainingTypes.Count: 0 })
            .Select(static (parsed, _) => parsed.Spec!.FullName);
        return yamlNames.Collect()
            .Combine(modelNames.Collect())
            .Combine(blockNames.Collect())
            .Select(static (all, _) => YamlNameIndex.Create(all.Left.Left, all.Left.Right, all.Right))
            .WithTrackingName(TrackingNames.YamlNames);
    }

    /// <summary>
    /// A class with layer attributes but neither [Input] nor [Block] is in no other pipeline: one syntactic pass finds
    /// classes whose attributes are named like the DSL's, and the semantic model confirms.
    /// </summary>
    private static IncrementalValueProvider<ImmutableArray<DiagnosticInfo>> MissingInputs(IncrementalGeneratorInitializationContext context) =>
        context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => AttributeNames.MayCarryLayers(node), static (ctx, ct) => Stages.FindMissingInput(ctx, ct))
            .WithTrackingName(TrackingNames.MissingInput)
            .Where(static diagnostic => diagnostic is not null)
            .Select(static (diagnostic, _) => diagnostic!)
            .Collect();

    private static void EmitModels(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ModelCode> attributeCode,
        IncrementalValuesProvider<(YamlModel Model, ModelCode Code)> yamlCode)
    {
        // Hint names ignore case; numbering attribute models whose names differ only in case needs all their names.
        var attributeModelNames = attributeCode
            .Select(static (code, _) => code.FullName)
            .Collect()
            .Select(static (names, _) => names.Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AttributeModelNames);
        context.RegisterSourceOutput(attributeCode.Combine(attributeModelNames), static (spc, pair) =>
        {
            if (!pair.Left.IsEmpty)
                Stages.EmitModel(spc, pair.Left, HintNames.For(pair.Left.FullName, pair.Right, string.Empty));
        });
        context.RegisterSourceOutput(yamlCode, static (spc, pair) =>
        {
            if (!pair.Code.IsEmpty)
                Stages.EmitModel(spc, pair.Code, pair.Model.HintName);
        });
    }

    /// <summary>A file per block that some model uses: its class, for every distinct instance of it in the compilation.</summary>
    private static void EmitBlocks(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ModelCode> attributeCode,
        IncrementalValuesProvider<(YamlModel Model, ModelCode Code)> yamlCode,
        IncrementalValueProvider<BlockLibrary> library)
    {
        var files = attributeCode.SelectMany(static (code, _) => code.Instances).Collect()
            .Combine(yamlCode.SelectMany(static (pair, _) => pair.Code.Instances).Collect())
            .Combine(library)
            .SelectMany(static (all, _) => Stages.BlockFiles(all.Left.Left.AddRange(all.Left.Right), all.Right))
            .WithTrackingName(TrackingNames.BlockFiles);
        context.RegisterSourceOutput(files, static (spc, file) => Stages.EmitBlock(spc, file));
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
}
