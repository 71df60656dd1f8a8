namespace Dsl.Generator.Yaml;

/// <summary>The namespace of YAML models that name none, and where it came from (for messages).</summary>
internal sealed record DefaultNamespace(string Name, string Origin)
{
    public const string RootNamespaceProperty = "build_property.RootNamespace";

    /// <summary>
    /// The project's RootNamespace (made visible by Dsl.Runtime.props), else the assembly name when it is a
    /// valid namespace, else the global namespace.
    /// </summary>
    public static DefaultNamespace Resolve(string? rootNamespace, string? assemblyName)
    {
        if (rootNamespace is not null && rootNamespace.Trim().Length > 0)
            return new DefaultNamespace(rootNamespace.Trim(), "the project's RootNamespace");
        if (assemblyName is not null && assemblyName.Length > 0 && CSharpNames.CheckNamespace(assemblyName) is null)
            return new DefaultNamespace(assemblyName, "the assembly name");
        return new DefaultNamespace(string.Empty, "the global namespace");
    }
}
