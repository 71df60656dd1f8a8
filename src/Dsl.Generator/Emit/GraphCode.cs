using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dsl.Generator.Analysis;
using Dsl.Generator.Layers;
using Dsl.Generator.Layers.Geometry;
using Dsl.Generator.Layers.Kinds;
using Dsl.Generator.Model;

namespace Dsl.Generator.Emit;

/// <summary>
/// The code of a graph, shared by models and blocks: a field per node that keeps a module (a layer's, a block use's),
/// their construction and Keras initialisation, the straight-line <c>forward</c> body and the ONNX body, and a
/// <c>LayerInfo</c> per node. What a layer becomes is its kind's business (<see cref="LayerDefinition"/>); a block use is
/// a nested module whose class the block's own file holds; a reuse calls an earlier node's module again.
/// </summary>
internal static class GraphCode
{
    public const string Tensor = "global::TorchSharp.torch.Tensor";

    /// <summary>
    /// The module fields: <c>public readonly … conv2d_1;</c>, a block use's typed as its block. A model's say what
    /// each outputs; a block's only what each is, since one class serves uses of every shape.
    /// </summary>
    public static void Fields(SourceWriter w, GraphPlan graph, bool withShapes)
    {
        foreach (var node in graph.Nodes)
        {
            if (FieldType(node) is not { } type)
                continue;
            string shapes = withShapes ? ": output " + string.Join(", ", node.Outputs.Select(o => Invariant.Shape(o.Shape))) : string.Empty;
            w.Line("/// <summary>" + CSharp.Xml(node.Name + " (" + node.TypeName + ")" + shapes) + ".</summary>");
            w.Line("public readonly " + type + " " + Identifier.Escape(node.Name) + ";");
            w.Line();
        }
    }

    /// <summary>The constructor's statements: every module built, registered, then initialised as Keras initialises it.</summary>
    public static void Construct(SourceWriter w, GraphPlan graph)
    {
        foreach (var node in graph.Nodes)
        {
            switch (node)
            {
                case LayerPlan layer when Kind(layer).Field(layer) is { } field:
                    w.Line(Identifier.Escape(layer.Name) + " = " + field.Construction + ";");
                    break;
                case BlockUsePlan use:
                    w.Line(Identifier.Escape(use.Name) + " = " + BlockType(use.Block) + ".Create(" + CSharp.Plan(use.Block, use.PlanId) + ");");
                    break;
            }
        }
        w.Line("RegisterComponents();");
        foreach (var layer in graph.Nodes.OfType<LayerPlan>())
        {
            foreach (var statement in Kind(layer).Initialise(layer))
                w.Line(statement);
        }
    }

    /// <summary>
    /// The forward pass's statements, over <paramref name="names"/>; returns each output's expression. With
    /// <paramref name="logits"/>, a final softmax or sigmoid on an output is left out (the model's <c>forward</c> applies it), so
    /// that training can use a stable cross-entropy; an output other layers also read keeps its activation and exposes its logits
    /// through a local. <paramref name="rewrites"/> says which of the generator's rewrites to use (<see cref="PoolBeforeActivation"/>,
    /// <see cref="BatchNormFolding"/>).
    /// </summary>
    public static IReadOnlyList<string> Forward(SourceWriter w, GraphPlan graph, ValueNames names, bool logits, Rewrites rewrites)
    {
        var nodes = graph.Nodes;
        var logitOutputs = new Dictionary<string, string>(System.StringComparer.Ordinal);
        string x = names.Chain;
        var (computes, keeps) = SequenceRuns.Of(graph);
        var masks = new Dictionary<string, string>(System.StringComparer.Ordinal);
        if (names.StartsFromInput)
            w.Line("var " + x + " = " + names.FirstInput + ";");
        else if (Enumerable.Range(0, nodes.Count).Any(k => !names.HasSeveralOutputs(k)))
            w.Line(Tensor + " " + x + ";");
        // The layer whose activation the next node, a max pool, applies after pooling (PoolBeforeActivation).
        LayerPlan? activatesAfter = null;
        // The rescaling that the next node takes into its weights in evaluation (RescalingFolding).
        LayerPlan? rescaledBy = null;
        for (int k = 0; k < nodes.Count; k++)
        {
            var node = nodes[k];
            var inputs = names.InputsOf(k);
            var layer = SequenceRuns.LayerOf(node);
            if (names.HasSeveralOutputs(k))
            {
                // A block's module returns its outputs as an array; a layer of several outputs' kind says how it gives them.
                var severalMasks = MasksOf(node, masks);
                if (layer is not null)
                    OutputMasks(w, names, node, () => Kind(layer).OutputMask(layer, inputs, severalMasks), severalMasks, "var ", masks);
                string call = layer is null ? Identifier.Escape(Module(node)) + ".call(" + string.Join(", ", inputs) + ")"
                    : severalMasks.Any(m => m is not null) ? Kind(layer).ForwardMasked(layer, inputs, severalMasks) : Kind(layer).Forward(layer, inputs);
                w.Line("var " + names.LocalAfter(k) + " = " + call + ";");
                continue;
            }
            if (layer is null)
            {
                w.Line(x + " = " + Identifier.Escape(Module(node)) + ".call(" + string.Join(", ", inputs) + ");");
            }
            else if (RescalingFolding.Applies(graph, rewrites, k))
            {
                w.Line("// " + node.Name + " (" + node.TypeName + "): written with " + nodes[k + 1].Name + ", which folds it in evaluation.");
                rescaledBy = layer;
            }
            else if (BatchNormFolding.Applies(graph, rewrites, k))
            {
                // The convolution and the normalization after it, as declared while the normalization trains (batch
                // statistics), folded into one convolution while it evaluates (moving statistics); its own flag, since
                // a user may freeze or train one module apart from the model.
                var normalization = (LayerPlan)nodes[k + 1];
                string start = StartOfRun(inputs[0], k, computes, keeps);
                Folded(w, names, x, layer, Identifier.Escape(normalization.Name) + ".training",
                    new[] { Kind(layer).Forward(layer, new[] { start }), EndOfRun(Kind(normalization).Forward(normalization, new[] { x }), normalization, k + 1, computes, keeps) },
                    normalization.Name + " folded into " + layer.Name + ": one convolution, its kernel scaled by gamma / sqrt(moving variance + epsilon).",
                    "BatchNormFolding", BatchNormFolding.Statistics(normalization),
                    (weight, bias) => EndOfRun(Kind(layer).ForwardWithWeights(layer, new[] { start }, weight, bias), normalization, k + 1, computes, keeps));
                node = normalization;
                k++;
            }
            else
            {
                // Inside a run of channels-first layers x stays (N, C, L); it is transposed where the run begins and ends.
                var kind = Kind(layer);
                var inputMasks = MasksOf(node, masks);
                if (node.Output.Masked)
                    masks[node.Name] = MaskLocal(w, names, node, kind.OutputMask(layer, inputs, inputMasks), inputMasks, "var ");
                var arguments = inputs.ToList();
                arguments[0] = StartOfRun(arguments[0], k, computes, keeps);
                string forward = inputMasks.Any(m => m is not null) ? kind.ForwardMasked(layer, arguments, inputMasks) : kind.Forward(layer, arguments);
                if (rescaledBy is { } rescaling)
                {
                    // The rescaling and this layer as declared in training, one layer with rescaled weights in evaluation.
                    var rescalingInput = names.InputsOf(k - 1);
                    Folded(w, names, x, layer, "training", new[] { Kind(rescaling).Forward(rescaling, rescalingInput), forward },
                        rescaling.Name + " folded into " + layer.Name + ": its weights scaled along their inputs, the offset in its bias.",
                        "RescalingFolding", RescalingFolding.ScaleAndOffset(rescaling),
                        (weight, bias) => kind.ForwardWithWeights(layer, new[] { RescalingFolding.Input(rescaling, rescalingInput[0]) }, weight, bias));
                    rescaledBy = null;
                }
                else
                {
                    w.Line(x + " = " + EndOfRun(forward, node, k, computes, keeps) + ";");
                }
                int featureAxis = keeps[k] ? 1 : FeatureAxis.InBatch(node.OutputShape);
                if (activatesAfter is { } pooled)
                {
                    w.Line("// " + pooled.Name + "'s " + Activations.KerasName(pooled.Activation) + ", after the pool: the same values (max commutes with it), fewer of them.");
                    // In place where the declared layer would have applied it in place (not after an Activation layer's identity).
                    w.Line(x + " = " + Activations.Apply(pooled.Activation, x, featureAxis, kind.OutputIsOverwritable && Kind(pooled).OutputIsOverwritable) + ";");
                    activatesAfter = null;
                }
                if (PoolBeforeActivation.Applies(graph, rewrites, k))
                {
                    activatesAfter = layer;
                }
                else if (layer.Activation != Activation.None)
                {
                    bool isOutput = graph.Outputs.Any(o => o.Value == node.Name);
                    if (logits && isOutput && Activations.LeftOutOfLogits(layer.Activation))
                    {
                        if (!ReadByNodes(graph, node.Name))
                        {
                            logitOutputs[node.Name] = x;
                        }
                        else
                        {
                            string local = names.Unique(node.Name + "_logits");
                            w.Line("var " + local + " = " + x + ";");
                            logitOutputs[node.Name] = local;
                            w.Line(x + " = " + Activations.Apply(layer.Activation, x, featureAxis) + ";");
                        }
                    }
                    else
                    {
                        w.Line(x + " = " + Activations.Apply(layer.Activation, x, featureAxis, kind.OutputIsOverwritable) + ";");
                    }
                }
            }
            if (names.LocalAfter(k) is { } after)
                w.Line("var " + after + " = " + x + ";");
        }
        return graph.Outputs.Select(o => logitOutputs.TryGetValue(o.Value, out var logit) && logit != x ? logit : names.OutputValue(o)).ToList();
    }

    /// <summary>Node <paramref name="k"/>'s first input, transposed to (N, C, L) where a channels-first run begins at it.</summary>
    private static string StartOfRun(string input, int k, bool[] computes, bool[] keeps) =>
        computes[k] && !(k > 0 && keeps[k - 1]) ? Transposed(input) : input;

    /// <summary>Node <paramref name="k"/>'s forward expression, transposed back to (N, L, C) where a channels-first run ends at it.</summary>
    private static string EndOfRun(string forward, NodePlan node, int k, bool[] computes, bool[] keeps) =>
        computes[k] && !keeps[k] && node.OutputShape.Count == 2 ? Transposed(forward) : forward;

    /// <summary>(N, a, b) → (N, b, a): a view, no copy.</summary>
    private static string Transposed(string expression) => expression + ".transpose(1L, 2L)";

    /// <summary>Whether a node other than the graph's end reads <paramref name="name"/>'s output.</summary>
    public static bool ReadByNodes(GraphPlan graph, string name) => graph.Nodes.Any(n => n.Inputs.Contains(name));

    /// <summary>
    /// The ONNX graph's statements over <paramref name="names"/>, whose inputs are ONNX value names; returns each
    /// output's value. Each layer adds what its kind's <see cref="LayerDefinition.Onnx"/> form says, then its activation
    /// (a final softmax included: the graph computes <c>forward</c>); a block use adds its block's nodes under its name.
    /// </summary>
    public static IReadOnlyList<string> Onnx(SourceWriter w, GraphPlan graph, ValueNames names, OnnxCode code, Rewrites rewrites)
    {
        var nodes = graph.Nodes;
        string x = names.Chain;
        string onnx = code.Builder;
        var masks = new Dictionary<string, string>(System.StringComparer.Ordinal);
        LayerPlan? activatesAfter = null;
        LayerPlan? rescaledBy = null;
        if (names.StartsFromInput)
            w.Line("string " + x + " = " + names.FirstInput + ";");
        else if (Enumerable.Range(0, nodes.Count).Any(k => !names.HasSeveralOutputs(k)))
            w.Line("string " + x + ";");
        for (int k = 0; k < nodes.Count; k++)
        {
            var node = nodes[k];
            var inputs = names.InputsOf(k);
            var layer = SequenceRuns.LayerOf(node);
            if (layer is null)
            {
                // A block use, or another call of one: its block's nodes, named under this node, its weights under its module's.
                string scoped = onnx + ".Within(" + CSharp.Literal(Module(node)) + ", " + CSharp.Literal(node.Name) + ")";
                string call = Identifier.Escape(Module(node)) + ".AddOnnx(" + string.Join(", ", new[] { scoped }.Concat(inputs)) + ")";
                if (names.HasSeveralOutputs(k))
                {
                    w.Line("var " + names.LocalAfter(k) + " = " + call + ";");
                    continue;
                }
                w.Line(x + " = " + call + ";");
            }
            else if (names.HasSeveralOutputs(k))
            {
                // A layer of several outputs: its kind's ONNX form is an array of values, in its outputs' order.
                w.Line(onnx + ".Layer(" + CSharp.Literal(node.Name) + ");");
                var severalMasks = MasksOf(node, masks);
                OutputMasks(w, names, node, () => Kind(layer).OnnxMask(layer, code, inputs, severalMasks), severalMasks, "string ", masks);
                w.Line("var " + names.LocalAfter(k) + " = " + (severalMasks.Any(m => m is not null) ? Kind(layer).OnnxMasked(layer, code, inputs, severalMasks) : Kind(layer).Onnx(layer, code, inputs)) + ";");
                continue;
            }
            else if (RescalingFolding.Applies(graph, rewrites, k))
            {
                w.Line("// " + node.Name + " (" + node.TypeName + "): folded into " + nodes[k + 1].Name + ".");
                rescaledBy = layer;
            }
            else if (BatchNormFolding.Applies(graph, rewrites, k))
            {
                // One Conv with the folded weight and bias (computed from the current weights and moving statistics).
                var normalization = (LayerPlan)nodes[k + 1];
                w.Line(onnx + ".Layer(" + CSharp.Literal(node.Name) + ");");
                string folded = names.Unique(layer.Name + "_folded");
                w.Line("var " + folded + " = " + code.FoldBatchNorm(layer.Name, normalization.Name, BatchNormLayer.Epsilon.Get(normalization.Spec)) + ";");
                bool channelsFirst = SequenceRuns.OrderOf(layer) == SequenceOrder.ChannelsFirst;
                var arguments = channelsFirst ? new[] { OnnxTransposed(code, inputs[0]) }.Concat(inputs.Skip(1)).ToList() : inputs;
                string value = Kind(layer).OnnxWithWeights(layer, code, arguments, folded + ".Weight", folded + ".Bias");
                w.Line(x + " = " + (channelsFirst && normalization.OutputShape.Count == 2 ? OnnxTransposed(code, value) : value) + ";");
                w.Line("// " + normalization.Name + " (" + normalization.TypeName + "): folded into " + layer.Name + ".");
                node = normalization;
                k++;
            }
            else
            {
                var kind = Kind(layer);
                var inputMasks = MasksOf(node, masks);
                if (node.Output.Masked)
                    masks[node.Name] = MaskLocal(w, names, node, kind.OnnxMask(layer, code, inputs, inputMasks), inputMasks, "string ");
                bool channelsFirst = SequenceRuns.OrderOf(layer) == SequenceOrder.ChannelsFirst;
                var arguments = channelsFirst ? new[] { OnnxTransposed(code, inputs[0]) }.Concat(inputs.Skip(1)).ToList() : inputs;
                string value;
                if (rescaledBy is { } rescaling)
                {
                    // The layer with the rescaling folded into its weights (computed from the current ones).
                    string folded = names.Unique(layer.Name + "_rescaled");
                    w.Line("var " + folded + " = " + code.FoldRescaling(layer.Name, RescalingFolding.ScaleAndOffset(rescaling)) + ";");
                    string input = names.InputsOf(k - 1)[0];
                    if (!rescaling.InputTypes[0].IsFloating)
                        input = code.Node("Cast", input, OnnxCode.Int("to", 1));
                    value = kind.OnnxWithWeights(layer, code, new[] { input }, folded + ".Weight", folded + ".Bias");
                    rescaledBy = null;
                }
                else
                {
                    value = inputMasks.Any(m => m is not null) ? kind.OnnxMasked(layer, code, arguments, inputMasks) : kind.Onnx(layer, code, arguments);
                }
                if (channelsFirst)
                    value = node.OutputShape.Count == 2 ? OnnxTransposed(code, value) : value;
                bool passThrough = inputs.Count > 0 && value == inputs[0];
                if (passThrough && layer.Activation == Activation.None)
                {
                    // The identity in inference (dropout): its value is its input's.
                    w.Line("// " + node.Name + " (" + node.TypeName + "): nothing to compute in inference.");
                    if (value != x)
                        w.Line(x + " = " + value + ";");
                }
                else
                {
                    w.Line(onnx + ".Layer(" + CSharp.Literal(node.Name) + ");");
                    if (value != x)
                        w.Line(x + " = " + value + ";");
                }
                if (activatesAfter is { } pooled)
                {
                    w.Line("// " + pooled.Name + "'s " + Activations.KerasName(pooled.Activation) + ", after the pool (max commutes with it).");
                    w.Line(x + " = " + Activations.Onnx(pooled.Activation, code, x, FeatureAxis.InBatch(node.OutputShape)) + ";");
                    activatesAfter = null;
                }
                if (PoolBeforeActivation.Applies(graph, rewrites, k))
                    activatesAfter = layer;
                else if (layer.Activation != Activation.None)
                    w.Line(x + " = " + Activations.Onnx(layer.Activation, code, x, FeatureAxis.InBatch(node.OutputShape)) + ";");
            }
            if (names.LocalAfter(k) is { } after)
                w.Line("var " + after + " = " + x + ";");
        }
        return graph.Outputs.Select(names.OutputValue).ToList();
    }

    /// <summary>
    /// A folded pair in forward: the declared layers while <paramref name="training"/> holds (each of
    /// <paramref name="declared"/> assigned to <paramref name="x"/> in turn), else <paramref name="layer"/> alone with the
    /// weights <c>Dsl.Support.{folding}.Fold</c> computes from its own and <paramref name="foldArguments"/>.
    /// </summary>
    private static void Folded(SourceWriter w, ValueNames names, string x, LayerPlan layer, string training, IEnumerable<string> declared, string comment,
        string folding, string foldArguments, System.Func<string, string, string> folded)
    {
        w.Open("if (" + training + ")");
        foreach (var statement in declared)
            w.Line(x + " = " + statement + ";");
        w.Close();
        w.Open("else");
        w.Line("// " + comment);
        string weight = names.Unique(layer.Name + "_weight"), bias = names.Unique(layer.Name + "_bias");
        w.Line("var (" + weight + ", " + bias + ") = " + CSharp.Support + "." + folding + ".Fold(" + Identifier.Escape(layer.Name) + ".weight!, "
            + (CommonOptions.UseBias.Get(layer.Spec) ? Identifier.Escape(layer.Name) + ".bias" : "null") + ", " + foldArguments + ");");
        w.Line(x + " = " + folded(weight, bias) + ";");
        w.Close();
    }

    /// <summary>The masks of a node's inputs (null where an input has none), from the locals that hold them.</summary>
    private static IReadOnlyList<string?> MasksOf(NodePlan node, IReadOnlyDictionary<string, string> masks) =>
        node.Inputs.Select(v => masks.TryGetValue(v, out var mask) ? mask : null).ToList();

    /// <summary>
    /// The masks of a layer of several outputs, by value (<c>decoder.output</c>): one local, computed before the layer runs,
    /// for every output that carries it.
    /// </summary>
    private static void OutputMasks(SourceWriter w, ValueNames names, NodePlan node, System.Func<string> expression, IReadOnlyList<string?> inputMasks,
        string declaration, Dictionary<string, string> masks)
    {
        if (!node.Outputs.Any(o => o.Masked))
            return;
        string local = MaskLocal(w, names, node, expression(), inputMasks, declaration);
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            if (node.Outputs[i].Masked)
                masks[node.Name + "." + node.OutputNames[i]] = local;
        }
    }

    /// <summary>
    /// The local that holds a node's output mask: an input's own when the mask passes through unchanged, otherwise a new
    /// <c>…_mask</c> local, assigned before the layer runs (it may read the layer's inputs).
    /// </summary>
    private static string MaskLocal(SourceWriter w, ValueNames names, NodePlan node, string expression, IReadOnlyList<string?> inputMasks, string declaration)
    {
        if (inputMasks.Contains(expression))
            return expression;
        string local = names.Unique(node.Name + "_mask");
        w.Line(declaration + local + " = " + expression + ";");
        return local;
    }

    /// <summary>An ONNX Transpose swapping a sequence's steps and channels (ONNX Runtime cancels adjacent pairs).</summary>
    private static string OnnxTransposed(OnnxCode code, string value) => code.Node("Transpose", value, OnnxCode.Ints("perm", 0, 2, 1));

    /// <summary>
    /// A <c>LayerInfo</c> initializer per node: what every node has, then what its kind adds, its activation, and (in a
    /// graph) the values it takes; a block use lists its block's layers as its children, a reuse names the node it shares.
    /// </summary>
    public static IReadOnlyList<string> LayerInfos(GraphPlan graph)
    {
        bool sequential = graph.IsSequential;
        var (computes, _) = SequenceRuns.Of(graph);
        return graph.Nodes.Select((node, k) => LayerInfo(node, sequential, computes[k])).ToList();
    }

    private static string LayerInfo(NodePlan node, bool sequential, bool channelsFirst)
    {
        var layer = SequenceRuns.LayerOf(node);
        var members = new List<string>
        {
            "Name = " + CSharp.Literal(node.Name),
            "Kind = global::Dsl.LayerKind." + (layer is null ? "Block" : Kind(layer).Kind),
            "TypeName = " + CSharp.Literal(node.TypeName),
            "OutputShape = " + CSharp.Shape(node.OutputShape),
            "ParameterCount = " + CSharp.Long(node.Parameters),
            "TrainableParameterCount = " + CSharp.Long(node.TrainableParameters),
            "MultAdds = " + CSharp.Long(node.MultAdds),
        };
        if (layer is not null)
        {
            members.AddRange(Kind(layer).Describe(layer));
            if (channelsFirst)
                members.Add("ModuleIsChannelsFirst = true");
            if (layer.Activation != Activation.None)
                members.Add("Activation = global::Dsl.Activation." + layer.Activation);
        }
        if (!sequential)
            members.Add("Inputs = new string[] { " + string.Join(", ", node.Inputs.Select(CSharp.Literal)) + " }");
        if (node.Outputs.Count > 1)
        {
            members.Add("OutputShapes = new global::System.Collections.Generic.IReadOnlyList<int>[] { " + string.Join(", ", node.Outputs.Select(o => CSharp.Shape(o.Shape))) + " }");
            members.Add("OutputNames = new string[] { " + string.Join(", ", node.OutputNames.Select(CSharp.Literal)) + " }");
        }
        switch (node)
        {
            case BlockUsePlan use:
                members.Add("Children = " + BlockType(use.Block) + ".Describe(" + CSharp.Plan(use.Block, use.PlanId) + ")");
                members.Add("BlockInputs = new string[] { " + string.Join(", ", use.Instance.Inputs.Select(i => CSharp.Literal(i.Name))) + " }");
                break;
            case ReusePlan reuse:
                members.Add("Shares = " + CSharp.Literal(reuse.Target));
                break;
        }
        return new StringBuilder("new global::Dsl.LayerInfo { ").Append(string.Join(", ", members)).Append(" }").ToString();
    }

    /// <summary><c>global::Zoo.Bottleneck</c>.</summary>
    public static string BlockType(string block) => "global::" + Identifier.EscapeDotted(block);

    /// <summary>The field whose module a node calls: its own, or for a reuse its target's.</summary>
    private static string Module(NodePlan node) => node is ReusePlan reuse ? reuse.Target : node.Name;

    private static string? FieldType(NodePlan node) => node switch
    {
        LayerPlan layer => Kind(layer).Field(layer)?.Type,
        BlockUsePlan use => BlockType(use.Block),
        _ => null,
    };

    private static LayerDefinition Kind(LayerPlan layer) => LayerRegistry.Get(layer.Spec.Kind);
}
