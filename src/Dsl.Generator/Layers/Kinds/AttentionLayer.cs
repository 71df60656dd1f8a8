using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>Attention</c> (keras/src/layers/attention/attention.py), dot-product attention without projections: query
/// (Tq, D), value (Tv, Dv), key (Tv, D) → (Tq, Dv). Dot scores need the query's and the key's features equal (a matrix
/// product), concat scores features that broadcast (equal, or one of them 1). A scalar <c>scale</c> with use_scale and a
/// scalar <c>concat_score_weight</c> with concat scores, both starting at 1: 0, 1 or 2 parameters.
/// </summary>
internal sealed class AttentionLayer : QueryValueLayer
{
    public static readonly FlagOption UseScale = new(nameof(AttentionAttribute.UseScale));

    public static readonly ChoiceOption<ScoreMode> ScoreModeOption = new(nameof(AttentionAttribute.ScoreMode), Choices.Of<ScoreMode>());

    public AttentionLayer()
        : base(LayerKind.Attention, typeof(AttentionAttribute), "Attention", "attention", UseScale, ScoreModeOption)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "dot_product_attention", "luong_attention" };

    /// <summary><c>- attention: [query, value]</c>.</summary>
    public override LayerOption MainOption => Inputs;

    public override LayerOutput? Infer(LayerContext context)
    {
        if (Sequences(context) is not { } roles)
            return null;
        var (query, value, key) = roles;
        var mode = ScoreModeOption.Get(context.Spec);
        int dq = query.Shape[1], dk = key.Shape[1];
        bool fits = mode == ScoreMode.Dot ? dq == dk : dq == dk || dq == 1 || dk == 1;
        if (!fits)
        {
            string needs = mode == ScoreMode.Dot
                ? "a query and a key of the same features for dot scores (a query-key dot product, as Keras multiplies them)"
                : "a query and a key whose features broadcast for concat scores (equal, or one of them 1, as Keras adds them)";
            return context.Fail(DiagnosticDescriptors.AttentionFeaturesDiffer, context.Name, KerasClass, needs, query.Description, Invariant.ToText(dq), key.Description, Invariant.ToText(dk));
        }
        long tq = query.Shape[0], tv = value.Shape[0];
        long parameters = (UseScale.Get(context.Spec) ? 1 : 0) + (mode == ScoreMode.Concat ? 1 : 0);
        long multAdds = (tq * tv * System.Math.Max(dq, dk)) + (tq * tv * value.Shape[1]);
        return LayerOutput.Trained(EquatableArray.Of(query.Shape[0], value.Shape[1]), parameters, multAdds);
    }

    public override LayerField Field(LayerPlan layer)
    {
        var spec = layer.Spec;
        return new LayerField(Module, "new " + Module + "(" + CSharp.Bool(UseScale.Get(spec)) + ", global::Dsl.ScoreMode." + ScoreModeOption.Get(spec) + ", "
            + CSharp.Double(Dropout.Get(spec)) + ", " + CSharp.Bool(UseCausalMask.Get(spec)) + ")");
    }

    /// <summary>
    /// Dot: MatMul with the transposed key (times <c>scale</c>); concat: Unsqueeze both, Add (times <c>scale</c>), Tanh,
    /// ReduceSum over the features, times <c>concat_score_weight</c>; then the causal mask, Softmax and MatMul with the value.
    /// </summary>
    /// <summary>Keras's Attention reads the value's mask for the scores and zeroes the masked query steps' outputs.</summary>
    protected override bool TakesKeyMask => false;

    protected override string OnnxAttention(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks)
    {
        var spec = layer.Spec;
        var (query, value, key) = Roles(inputs);
        var (queryMask, valueMask, _) = RolesOf(masks);
        bool scaled = UseScale.Get(spec);
        string Scaled(string x) => scaled ? onnx.Node("Mul", new[] { x, onnx.Weight(layer.Name + ".scale") }) : x;
        string scores;
        if (ScoreModeOption.Get(spec) == ScoreMode.Dot)
        {
            scores = Scaled(onnx.Node("MatMul", new[] { query, onnx.Node("Transpose", key, OnnxCode.Ints("perm", 0, 2, 1)) }));
        }
        else
        {
            string sum = onnx.Node("Add", new[] { onnx.Node("Unsqueeze", new[] { query, onnx.Longs(new[] { 2L }) }), onnx.Node("Unsqueeze", new[] { key, onnx.Longs(new[] { 1L }) }) });
            string summed = onnx.Node("ReduceSum", new[] { onnx.Node("Tanh", Scaled(sum)), onnx.Longs(new[] { -1L }) }, OnnxCode.Int("keepdims", 0));
            scores = onnx.Node("Mul", new[] { summed, onnx.Weight(layer.Name + ".concat_score_weight") });
        }
        var shapes = layer.InputShapes;
        string weights = MaskedSoftmax(layer, onnx, scores, shapes[0][0], shapes[shapes.Count > 1 ? 1 : 0][0], null, valueMask, null, headAxis: false);
        string attended = onnx.Node("MatMul", new[] { weights, value });
        return queryMask is null ? attended : onnx.Node("Mul", new[] { attended, onnx.Node("Unsqueeze", new[] { onnx.Node("Cast", queryMask, OnnxCode.Int("to", 1)), onnx.Longs(new[] { -1L }) }) });
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Rate = " + CSharp.Double(Dropout.Get(layer.Spec));
    }

    private const string Module = "global::Dsl.Modules.Attention";
}
