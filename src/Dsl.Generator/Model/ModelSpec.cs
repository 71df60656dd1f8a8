namespace Dsl.Generator.Model;

/// <summary>
/// A model as declared, independent of where it was declared (attributes on a class or a YAML file):
/// the class to generate, its input and its layers.
/// </summary>
internal sealed record ModelSpec
{
    public required string ClassName { get; init; }

    /// <summary>The namespace, or empty for the global namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Enclosing types of a nested model, outermost first.</summary>
    public EquatableArray<ContainingType> ContainingTypes { get; init; } = EquatableArray<ContainingType>.Empty;

    /// <summary>False for private or protected nested classes, which the assembly's catalog cannot name.</summary>
    public bool IsAccessibleFromAssembly { get; init; } = true;

    /// <summary><c>attributes</c>, or the YAML file's name.</summary>
    public required string Source { get; init; }

    /// <summary>Where to report problems that belong to the whole model (its name).</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>C,H,W or a single feature count; empty when missing.</summary>
    public EquatableArray<int> InputShape { get; init; } = EquatableArray<int>.Empty;

    public SourceLocation InputLocation { get; init; }

    public EquatableArray<LayerSpec> Layers { get; init; } = EquatableArray<LayerSpec>.Empty;

    public long? ExpectedParameters { get; init; }

    public SourceLocation ExpectedParametersLocation { get; init; }

    /// <summary>Namespace, enclosing types and class name, dot-separated.</summary>
    public string FullName
    {
        get
        {
            var name = ClassName;
            for (int i = ContainingTypes.Count - 1; i >= 0; i--)
                name = ContainingTypes[i].Name + "." + name;
            return Namespace.Length == 0 ? name : Namespace + "." + name;
        }
    }
}
