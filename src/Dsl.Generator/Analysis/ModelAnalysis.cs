using System.Linq;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Model;

namespace Dsl.Generator.Analysis;

/// <summary>The result of checking a <see cref="ModelSpec"/>: resolved layers and every problem found.</summary>
internal sealed record ModelAnalysis(ModelSpec Spec, EquatableArray<LayerPlan> Layers, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public long Parameters => Layers.Sum(l => l.Parameters);

    public long TrainableParameters => Layers.Sum(l => l.TrainableParameters);

    public long MultAdds => Layers.Sum(l => l.MultAdds);

    /// <summary>Output values of every layer for one sample: what a forward pass keeps alive.</summary>
    public long ActivationValues => Layers.Sum(l => Elements(l.OutputShape));

    /// <summary>The output layer's shape: the last declared layer is the model's output.</summary>
    public EquatableArray<int> OutputShape => Layers.Count == 0 ? Spec.InputShape : Layers[Layers.Count - 1].OutputShape;

    /// <summary>
    /// Whether every layer takes the previous layer's output (the first, the model's input): a plain stack,
    /// summarised and emitted as before graphs existed.
    /// </summary>
    public bool IsSequential => Layers.Select((layer, i) => layer.Inputs.Count == 1 && layer.Inputs[0] == (i == 0 ? LayerNames.ModelInput : Layers[i - 1].Name)).All(x => x);

    public static long Elements(EquatableArray<int> shape)
    {
        long product = 1;
        foreach (var dimension in shape)
            product *= dimension;
        return product;
    }
}
