namespace Dsl.Generator.Model;

/// <summary>What a declaration declares: a model (a class with inputs of its own) or a block (a piece of graph used as a layer).</summary>
internal enum GraphRole
{
    Model,
    Block,
}

/// <summary>
/// A model or a block as declared, independent of where (attributes on a class or a YAML file): the class to generate,
/// its inputs, its parameters (blocks), its nodes (layers, block uses, reuses) and its outputs. Locations are relative to
/// the declaration's <see cref="Anchor"/> (see <see cref="SourceLocation"/>), so the spec stays equal when text above it
/// moves.
/// </summary>
internal sealed record GraphSpec
{
    public required GraphRole Role { get; init; }

    public required string ClassName { get; init; }

    /// <summary>The namespace, or empty for the global namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Enclosing types of a nested class, outermost first.</summary>
    public EquatableArray<ContainingType> ContainingTypes { get; init; } = EquatableArray<ContainingType>.Empty;

    /// <summary>False for private or protected nested classes, which the assembly's catalog cannot name.</summary>
    public bool IsAccessibleFromAssembly { get; init; } = true;

    /// <summary><c>attributes</c>, or the YAML file's name.</summary>
    public required string Source { get; init; }

    /// <summary>The key of the declaration's anchor, which its relative locations count from.</summary>
    public required string AnchorKey { get; init; }

    /// <summary>Where to report problems that belong to the whole declaration (its name).</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>
    /// The inputs, in the order <c>forward</c> takes them. A model's have shapes; a block's have names only (their shapes
    /// come from each use). Empty when a model declares none (reported).
    /// </summary>
    public EquatableArray<InputSpec> Inputs { get; init; } = EquatableArray<InputSpec>.Empty;

    /// <summary>A block's parameters; empty for models.</summary>
    public EquatableArray<ParameterSpec> Parameters { get; init; } = EquatableArray<ParameterSpec>.Empty;

    public EquatableArray<NodeSpec> Nodes { get; init; } = EquatableArray<NodeSpec>.Empty;

    /// <summary>The outputs as declared; empty means the last node's output.</summary>
    public EquatableArray<OutputSpec> Outputs { get; init; } = EquatableArray<OutputSpec>.Empty;

    public long? ExpectedParameters { get; init; }

    public SourceLocation ExpectedParametersLocation { get; init; }

    /// <summary>The model's own limits (<c>[Budget]</c>, <c>budget:</c>); null for none (the project's defaults apply).</summary>
    public Budget? Budget { get; init; }

    /// <summary>The graph rewrites the model's code uses (<c>[Rewrites]</c>, <c>rewrites:</c>); all of them by default.</summary>
    public Rewrites Rewrites { get; init; } = Rewrites.All;

    public bool IsBlock => Role == GraphRole.Block;

    /// <summary>
    /// A block that did not parse (its errors are reported where it is declared): it stays in the library by name, so
    /// that its uses say it has errors instead of that it does not exist.
    /// </summary>
    public bool IsBroken { get; init; }

    /// <summary>What stands for a block that did not parse: its names and nothing else.</summary>
    public static GraphSpec Broken(string className, string ns, string source, string anchorKey, SourceLocation location) => new()
    {
        Role = GraphRole.Block,
        ClassName = className,
        Namespace = ns,
        Source = source,
        AnchorKey = anchorKey,
        Location = location,
        IsBroken = true,
    };

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

/// <summary>An input: its name, per-sample shape (empty for a block's, which each use gives) and element type.</summary>
internal sealed record InputSpec(string Name, EquatableArray<int> Shape, DType DType, SourceLocation Location);

/// <summary>A declared output: the node whose output it is (<c>name</c>, or <c>use.output</c> for a block's named output).</summary>
internal sealed record OutputSpec(string Value, SourceLocation Location);
