namespace Dsl.Generator;

/// <summary>Names of pipeline steps, so tests can check that each one caches.</summary>
internal static class TrackingNames
{
    public const string AttributeModels = nameof(AttributeModels);
    public const string MissingInput = nameof(MissingInput);
    public const string Analysis = nameof(Analysis);
    public const string Diagnostics = nameof(Diagnostics);
    public const string CatalogEntries = nameof(CatalogEntries);
    public const string RuntimeReferenced = nameof(RuntimeReferenced);
}
