namespace Dsl.Generator.Pipeline;

/// <summary>Names of pipeline steps, so tests can check that each one caches.</summary>
internal static class TrackingNames
{
    /// <summary>A class with [Input], parsed into a spec.</summary>
    public const string AttributeModels = nameof(AttributeModels);
    /// <summary>A class with [Block], parsed into a spec.</summary>
    public const string AttributeBlocks = nameof(AttributeBlocks);
    public const string AttributeModelNames = nameof(AttributeModelNames);
    public const string MissingInput = nameof(MissingInput);
    /// <summary>An attribute model's spec without its anchor: what analysis depends on.</summary>
    public const string AnalysisInputs = nameof(AnalysisInputs);
    public const string ProjectBudget = nameof(ProjectBudget);
    public const string Analysis = nameof(Analysis);
    /// <summary>A model's source, rendered from its analysis.</summary>
    public const string ModelSources = nameof(ModelSources);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Anchors = nameof(Anchors);
    public const string CatalogEntries = nameof(CatalogEntries);
    public const string RuntimeReferenced = nameof(RuntimeReferenced);

    /// <summary>Every block of the compilation.</summary>
    public const string BlockLibrary = nameof(BlockLibrary);
    /// <summary>A block's declaration checked on its own.</summary>
    public const string BlockChecks = nameof(BlockChecks);
    /// <summary>A block's class to write, with its instances.</summary>
    public const string BlockFiles = nameof(BlockFiles);

    /// <summary>The <c>*.model.yaml</c> and <c>*.block.yaml</c> additional files, one per path.</summary>
    public const string YamlFiles = nameof(YamlFiles);
    public const string YamlDefaultNamespace = nameof(YamlDefaultNamespace);
    /// <summary>One YAML file parsed into a spec (or diagnostics).</summary>
    public const string YamlModels = nameof(YamlModels);
    public const string YamlAnalysis = nameof(YamlAnalysis);
    public const string YamlNames = nameof(YamlNames);
    /// <summary>A YAML model checked against the other models' names, ready to emit.</summary>
    public const string YamlOutcomes = nameof(YamlOutcomes);
    public const string YamlSources = nameof(YamlSources);
}
