namespace Dsl.Generator.Pipeline;

/// <summary>Names of pipeline steps, so tests can check that each one caches.</summary>
internal static class TrackingNames
{
    public const string AttributeModels = nameof(AttributeModels);
    public const string AttributeModelNames = nameof(AttributeModelNames);
    public const string MissingInput = nameof(MissingInput);
    public const string Analysis = nameof(Analysis);
    public const string Diagnostics = nameof(Diagnostics);
    public const string CatalogEntries = nameof(CatalogEntries);
    public const string RuntimeReferenced = nameof(RuntimeReferenced);

    /// <summary>The <c>*.model.yaml</c> additional files, one per path.</summary>
    public const string YamlFiles = nameof(YamlFiles);
    public const string YamlDefaultNamespace = nameof(YamlDefaultNamespace);
    /// <summary>One YAML file parsed into a spec (or diagnostics).</summary>
    public const string YamlModels = nameof(YamlModels);
    public const string YamlAnalysis = nameof(YamlAnalysis);
    public const string YamlNames = nameof(YamlNames);
    /// <summary>A YAML model checked against the other models' names, ready to emit.</summary>
    public const string YamlOutcomes = nameof(YamlOutcomes);
}
