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

    /// <summary>Declarations of enclosing types, outermost first (e.g. <c>partial class Outer</c>).</summary>
    public EquatableArray<string> ContainingTypes { get; init; } = EquatableArray<string>.Empty;

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

    public string FullName => Namespace.Length == 0 ? ClassName : Namespace + "." + ClassName;
}
