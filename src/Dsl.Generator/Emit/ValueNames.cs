using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;

namespace Dsl.Generator.Emit;

/// <summary>
/// The C# names a straight-line walk over a model's layers uses (<c>forward</c>, <c>ExportOnnx</c>): one running value
/// for the chain (<c>x</c>), and a named local for each output that a layer other than the next one takes again (a
/// shortcut, a branch point). Every name steers clear of the layer fields, the class's generated members and the
/// method's parameters. A sequential model needs no locals at all.
/// </summary>
internal sealed class ValueNames
{
    private readonly IReadOnlyList<LayerPlan> _layers;
    private readonly Dictionary<string, int> _index = new();
    private readonly HashSet<string> _taken;
    private readonly string?[] _locals;

    /// <param name="layers">The model's layers, in declaration order.</param>
    /// <param name="parameters">The method's parameters besides <c>input</c>, which no local may shadow.</param>
    /// <param name="reserved">Further locals the method declares, reserved (in this order) before the chain's.</param>
    public ValueNames(IReadOnlyList<LayerPlan> layers, IEnumerable<string> parameters, params string[] reserved)
    {
        _layers = layers;
        for (int i = 0; i < layers.Count; i++)
            _index[layers[i].Name] = i;
        _taken = new HashSet<string>(layers.Select(l => l.Name).Concat(ReservedNames.GeneratedMembers).Concat(new[] { LayerNames.ModelInput }).Concat(parameters));
        Reserved = reserved.Select(Unique).ToList();
        Chain = Unique("x");
        _locals = new string?[layers.Count];
        for (int k = 0; k < layers.Count; k++)
        {
            foreach (var producer in layers[k].Inputs)
            {
                if (_index.TryGetValue(producer, out int j) && j != k - 1 && _locals[j] is null)
                    _locals[j] = Unique(producer + "_out");
            }
        }
    }

    /// <summary>The names given to <c>reserved</c>, made unique.</summary>
    public IReadOnlyList<string> Reserved { get; }

    /// <summary>The running value: the output of the layer computed last.</summary>
    public string Chain { get; }

    /// <summary>
    /// The expressions for layer <paramref name="consumer"/>'s inputs: the chain for the previous layer's output (and for
    /// the model's input at the first layer), <c>input</c> for the model's input elsewhere, a local otherwise.
    /// </summary>
    public IReadOnlyList<string> InputsOf(int consumer) =>
        _layers[consumer].Inputs.Select(producer => Value(producer, consumer)).ToList();

    /// <summary>The local that keeps layer <paramref name="layer"/>'s output for later, or null where the chain suffices.</summary>
    public string? LocalAfter(int layer) => _locals[layer];

    private string Value(string producer, int consumer)
    {
        if (producer == LayerNames.ModelInput)
            return consumer == 0 ? Chain : LayerNames.ModelInput;
        int j = _index[producer];
        return j == consumer - 1 ? Chain : _locals[j]!;
    }

    private string Unique(string name)
    {
        string candidate = name;
        for (int n = 2; _taken.Contains(candidate); n++)
            candidate = name + "_" + Invariant.ToText(n);
        _taken.Add(candidate);
        return candidate;
    }
}
