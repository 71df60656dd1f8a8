using System.Linq;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>
/// A checked node of a graph with everything resolved: its name, the values it takes (by name: a graph input, a node,
/// or <c>use.output</c> for one of a block's outputs), their types, its outputs and costs. Its parameters are counted
/// once, where its weights live; a <see cref="ReusePlan"/> has none of its own.
/// </summary>
internal abstract record NodePlan
{
    /// <summary>The node's name, given or automatic (<c>conv2d_1</c>): field name and state-dict key.</summary>
    public required string Name { get; init; }

    /// <summary>What the summary shows in brackets: Keras's class name (<c>Conv2D</c>), or the block's name.</summary>
    public required string TypeName { get; init; }

    /// <summary>The values it takes, by name (<see cref="NodeNames.DefaultInput"/> for the graph's input).</summary>
    public required EquatableArray<string> Inputs { get; init; }

    /// <summary>The types of its inputs, in the order of <see cref="Inputs"/>.</summary>
    public required EquatableArray<TensorType> InputTypes { get; init; }

    /// <summary>Its outputs: one, but for a block with several.</summary>
    public required EquatableArray<TensorType> Outputs { get; init; }

    /// <summary>The names of its outputs when it has several (a block's, <c>use.skip</c>); empty otherwise.</summary>
    public EquatableArray<string> OutputNames { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Keras's "Param #": trainable plus non-trainable values (0 for a reuse).</summary>
    public long Parameters { get; init; }

    public long TrainableParameters { get; init; }

    /// <summary>Multiply-accumulates per sample of this call.</summary>
    public long MultAdds { get; init; }

    /// <summary>Values the call produces per sample, inner ones included: what a forward pass keeps alive.</summary>
    public long ActivationValues { get; init; }

    public TensorType Output => Outputs[0];

    public EquatableArray<int> OutputShape => Outputs[0].Shape;

    /// <summary>The (first) input's shape.</summary>
    public EquatableArray<int> InputShape => InputTypes[0].Shape;

    public EquatableArray<EquatableArray<int>> InputShapes => InputTypes.Select(t => t.Shape).ToEquatableArray();
}

/// <summary>A layer of a built-in kind, with its options as constants (a block's expressions evaluated). Its kind turns it into code.</summary>
internal sealed record LayerPlan : NodePlan
{
    /// <summary>The declaration, with every option a constant.</summary>
    public required LayerSpec Spec { get; init; }

    /// <summary>The activation applied to its output (None for kinds without one).</summary>
    public Activation Activation { get; init; }
}

/// <summary>A use of a block: one nested module, whose graph is the block's at this use's input types and arguments.</summary>
internal sealed record BlockUsePlan : NodePlan
{
    /// <summary>The block's full name.</summary>
    public required string Block { get; init; }

    /// <summary>The block's graph as this use instantiates it.</summary>
    public required GraphPlan Instance { get; init; }

    /// <summary>Names this instance among the block's: the same arguments and input types give the same instance.</summary>
    public required string PlanId { get; init; }

    /// <summary>The arguments as messages and docs show them: <c>filters 64, stride 2</c>.</summary>
    public required string Arguments { get; init; }
}

/// <summary>Another call of an earlier layer or block use (<see cref="Target"/>), with its weights, on other inputs.</summary>
internal sealed record ReusePlan : NodePlan
{
    /// <summary>The node whose module it calls.</summary>
    public required string Target { get; init; }

    /// <summary>The target layer as it computes this call (its kind emits the call), or null for a block use.</summary>
    public LayerPlan? Layer { get; init; }

    /// <summary>Which call of the target it is: 2 for the first reuse (Keras's node index + 1).</summary>
    public int Call { get; init; }
}

/// <summary>A graph's input as checked: its name and type.</summary>
internal sealed record InputPlan(string Name, TensorType Type);

/// <summary>An output: its name, the value it is (<see cref="NodePlan.Name"/> or <c>use.output</c>), and its type.</summary>
internal sealed record OutputPlan(string Name, string Value, TensorType Type);

/// <summary>A checked graph (a model's, or a block's at one use): inputs, nodes in declaration order, outputs.</summary>
internal sealed record GraphPlan(EquatableArray<InputPlan> Inputs, EquatableArray<NodePlan> Nodes, EquatableArray<OutputPlan> Outputs)
{
    public static GraphPlan Empty { get; } = new(EquatableArray<InputPlan>.Empty, EquatableArray<NodePlan>.Empty, EquatableArray<OutputPlan>.Empty);

    public long Parameters => Nodes.Sum(n => n.Parameters);

    public long TrainableParameters => Nodes.Sum(n => n.TrainableParameters);

    public long MultAdds => Nodes.Sum(n => n.MultAdds);

    public long ActivationValues => Nodes.Sum(n => n.ActivationValues);

    public NodePlan? Find(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>
    /// Whether every node takes the previous node's single output (the first, the single input) and the last node is the
    /// only output: a plain stack, summarised and emitted as before graphs existed.
    /// </summary>
    public bool IsSequential
    {
        get
        {
            if (Inputs.Count != 1 || Outputs.Count != 1 || Nodes.Count == 0 || Outputs[0].Value != Nodes[Nodes.Count - 1].Name)
                return false;
            for (int i = 0; i < Nodes.Count; i++)
            {
                var node = Nodes[i];
                if (node is ReusePlan || node.Inputs.Count != 1 || node.Outputs.Count != 1 || node.Inputs[0] != (i == 0 ? Inputs[0].Name : Nodes[i - 1].Name))
                    return false;
            }
            return true;
        }
    }
}
