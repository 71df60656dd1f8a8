using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Analysis;

namespace Dsl.Generator.Emit;

/// <summary>
/// Writes a model's architecture as a Mermaid flowchart, the text inside a <c>```mermaid</c> block that common Markdown
/// viewers render: one box per layer (name, Keras class, output shape), an arrow from each producer to each layer
/// that takes its output, so a graph model shows its branches and merges. Computed at compile time; no Graphviz.
/// </summary>
internal static class DiagramWriter
{
    public static string Write(ModelAnalysis model)
    {
        // Node ids are positions (n0 is the input), not layer names: a layer may be called "end" or "graph",
        // which Mermaid reads as keywords.
        var ids = new Dictionary<string, string> { [LayerNames.ModelInput] = "n0" };
        for (int i = 0; i < model.Layers.Count; i++)
            ids[model.Layers[i].Name] = "n" + Invariant.ToText(i + 1);

        var text = new StringBuilder("flowchart TD\n");
        text.Append("    n0[/\"").Append(LayerNames.ModelInput).Append("<br/>").Append(Invariant.Shape(model.Spec.InputShape)).Append("\"/]\n");
        foreach (var layer in model.Layers)
        {
            text.Append("    ").Append(ids[layer.Name]).Append("[\"").Append(Escape(layer.Name)).Append(" (").Append(layer.TypeName).Append(")");
            if (layer.Activation != Activation.None)
                text.Append(", ").Append(Layers.Activations.KerasName(layer.Activation));
            text.Append("<br/>").Append(Invariant.Shape(layer.OutputShape)).Append("\"]\n");
        }
        foreach (var layer in model.Layers)
        {
            foreach (var producer in layer.Inputs.Distinct())
                text.Append("    ").Append(ids[producer]).Append(" --> ").Append(ids[layer.Name]).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Layer names are C# identifiers; only a keyword's '@' could need care, and Mermaid labels take it as is.</summary>
    private static string Escape(string name) => name.Replace("\"", "#quot;");
}
