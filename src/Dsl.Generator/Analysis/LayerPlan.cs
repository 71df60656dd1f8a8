using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>
/// A checked layer with everything resolved: its name, the layers it takes its inputs from, their shapes, its
/// output shape and costs. Its kind's description turns it into code.
/// </summary>
internal sealed record LayerPlan
{
    /// <summary>The declaration, with the options as given.</summary>
    public required LayerSpec Spec { get; init; }

    /// <summary>The layer's name, given or automatic (<c>conv2d_1</c>): field name and state-dict key.</summary>
    public required string Name { get; init; }

    /// <summary>Keras's class name (<c>Conv2D</c>, <c>MaxPooling2D</c>).</summary>
    public required string TypeName { get; init; }

    /// <summary>The producers of its inputs, by name (<see cref="LayerNames.ModelInput"/> for the model's input).</summary>
    public required EquatableArray<string> Inputs { get; init; }

    /// <summary>The shapes of its inputs, in the order of <see cref="Inputs"/>.</summary>
    public required EquatableArray<EquatableArray<int>> InputShapes { get; init; }

    public required EquatableArray<int> OutputShape { get; init; }

    public long Parameters { get; init; }

    public long TrainableParameters { get; init; }

    public long MultAdds { get; init; }

    /// <summary>The activation applied to its output (None for kinds without one).</summary>
    public Activation Activation { get; init; }

    /// <summary>The (first) input's shape.</summary>
    public EquatableArray<int> InputShape => InputShapes[0];
}
