namespace Dsl.Generator;

internal static class GeneratorInfo
{
    /// <summary>Stamped into [GeneratedCode]; kept in step with the package version.</summary>
    public const string Version = "0.1.0";
}
