using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Model;

namespace Dsl.Generator.Emit;

/// <summary>What a block's class needs to know of the block: its names, inputs and outputs, and its parameters for the docs.</summary>
internal sealed record BlockHeader(
    string FullName,
    string ClassName,
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Source,
    EquatableArray<string> Inputs,
    int Outputs,
    string Parameters)
{
    public static BlockHeader Of(GraphSpec block) => new(
        block.FullName,
        block.ClassName,
        block.Namespace,
        block.ContainingTypes,
        block.Source,
        block.Inputs.Select(i => i.Name).ToEquatableArray(),
        System.Math.Max(1, block.Outputs.Count),
        string.Join(", ", block.Parameters.Select(p => p.Name + ": " + p.Type + (p.Default is { } d ? " = " + d : string.Empty))));
}

/// <summary>
/// One block instance's code with its literals as holes (see <see cref="Literals"/>): instances whose
/// <see cref="Marked"/> text is equal share a class; the holes' values become the instance's plan.
/// </summary>
internal sealed record BlockInstanceCode(string Block, string PlanId, string Marked, EquatableArray<string> LiteralTexts, EquatableArray<int> LiteralKinds);

/// <summary>
/// Renders the body of a block's class for one instance (its fields, constructor, <c>forward</c>, <c>AddOnnx</c> and the
/// <c>LayerInfo</c> of its layers) with <see cref="GraphCode"/>, exactly as a model's, under a literal capture. The class
/// name is a placeholder, since several variants may become nested classes.
/// </summary>
internal static class BlockTemplate
{
    /// <summary>Stands for the class's name in a rendered body.</summary>
    public const string ClassName = "\u0003";

    /// <summary>Every block instance a model's graph uses, nested ones included, each rendered once.</summary>
    public static IReadOnlyList<BlockInstanceCode> Instances(GraphPlan graph)
    {
        var rendered = new Dictionary<string, BlockInstanceCode>(System.StringComparer.Ordinal);
        Collect(graph, rendered);
        return rendered.Values.OrderBy(i => i.Block, System.StringComparer.Ordinal).ThenBy(i => i.PlanId, System.StringComparer.Ordinal).ToList();
    }

    private static void Collect(GraphPlan graph, Dictionary<string, BlockInstanceCode> rendered)
    {
        foreach (var use in graph.Nodes.OfType<BlockUsePlan>())
        {
            string key = use.Block + "|" + use.PlanId;
            if (rendered.ContainsKey(key))
                continue;
            rendered[key] = Render(use);
            Collect(use.Instance, rendered);
        }
    }

    private static BlockInstanceCode Render(BlockUsePlan use)
    {
        var graph = use.Instance;
        var w = new SourceWriter(indent: 2);
        List<Literals.Literal> captured;
        using (Literals.Capture(out captured))
        {
            GraphCode.Fields(w, graph, withShapes: false);
            w.Open("private " + ClassName + "(global::Dsl.Support.BlockPlan plan) : base(" + CSharp.Literal(use.TypeName) + ")");
            w.Line("_plan = plan;");
            GraphCode.Construct(w, graph);
            w.Close();
            w.Line();

            var parameters = graph.Inputs.Select(i => Identifier.Escape(i.Name)).ToList();
            string result = graph.Outputs.Count == 1 ? GraphCode.Tensor : GraphCode.Tensor + "[]";
            w.Line("/// <summary>Runs the block on " + (parameters.Count == 1 ? "its input" : "its inputs, in the order it declares them") + "; returns its output" + (graph.Outputs.Count == 1 ? "" : "s, in the order it declares them") + ".</summary>");
            w.Open("public override " + result + " forward(" + string.Join(", ", parameters.Select(p => GraphCode.Tensor + " " + p)) + ")");
            var names = new ValueNames(graph, parameters, ReservedNames.BlockMembers);
            var outputs = GraphCode.Forward(w, graph, names, logits: false, Model.Rewrites.All);
            w.Line("return " + (outputs.Count == 1 ? outputs[0] : "new[] { " + string.Join(", ", outputs) + " }") + ";");
            w.Close();
            w.Line();

            w.Line("/// <summary>Adds the block's ONNX nodes, reading its weights from <paramref name=\"onnx\"/>'s scope; returns its output" + (graph.Outputs.Count == 1 ? "" : "s") + ".</summary>");
            var onnxNames = new ValueNames(graph, parameters, ReservedNames.BlockMembers, "onnx");
            string onnx = onnxNames.Reserved[0];
            string values = graph.Outputs.Count == 1 ? "string" : "string[]";
            w.Open("public " + OverrideMarker + values + " AddOnnx(global::Dsl.Onnx.OnnxGraphBuilder " + onnx + ", " + string.Join(", ", parameters.Select(p => "string " + p)) + ")");
            var onnxOutputs = GraphCode.Onnx(w, graph, onnxNames, new OnnxCode(onnx), Model.Rewrites.All);
            w.Line("return " + (onnxOutputs.Count == 1 ? onnxOutputs[0] : "new[] { " + string.Join(", ", onnxOutputs) + " }") + ";");
            w.Close();
            w.Line();

            w.Line("internal static global::System.Collections.Generic.IReadOnlyList<global::Dsl.LayerInfo> DescribeVariant(global::Dsl.Support.BlockPlan _plan) => global::System.Array.AsReadOnly(new global::Dsl.LayerInfo[]");
            w.Line("{");
            foreach (var info in GraphCode.LayerInfos(graph))
                w.Line("    " + info + ",");
            w.Line("});");
        }
        return new BlockInstanceCode(use.Block, use.PlanId, w.ToString(),
            captured.Select(l => l.Text).ToEquatableArray(), captured.Select(l => (int)l.Kind).ToEquatableArray());
    }

    /// <summary>Where <c>override</c> goes when the variant derives from an abstract block class.</summary>
    public const string OverrideMarker = "\u0004";
}
