using System.Collections.Generic;
using Dsl.Generator.Analysis;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>MultiHeadAttention</c> (keras/src/layers/attention/multi_head_attention.py) on sequences: query (T, Dq), value
/// (S, Dv), key (S, Dk) → (T, O), O the query's features unless <c>output_shape</c> says otherwise. Keras's four EinsumDense
/// projections <c>query</c>, <c>key</c>, <c>value</c> (kernels (D, H, K), biases (H, K)) and <c>attention_output</c>
/// (kernel (H, V, O), bias (O)): H·K·(Dq + Dk + 2) + H·V·(Dv + 1) + H·V·O + O parameters, the biases' terms gone without
/// <c>use_bias</c>. The projections differ in size, so Keras takes any feature counts for the three inputs.
/// </summary>
internal sealed class MultiHeadAttentionLayer : QueryValueLayer
{
    public static readonly IntegerOption NumHeads = new(nameof(MultiHeadAttentionAttribute.NumHeads)) { IsRequired = true };

    public static readonly IntegerOption KeyDim = new(nameof(MultiHeadAttentionAttribute.KeyDim)) { IsRequired = true };

    /// <summary>Each value head's size; unset means the key's.</summary>
    public static readonly IntegerOption ValueDim = new(nameof(MultiHeadAttentionAttribute.ValueDim));

    /// <summary>The output's features; unset means the query's.</summary>
    public static readonly IntegerOption OutputShape = new(nameof(MultiHeadAttentionAttribute.OutputShape));

    public MultiHeadAttentionLayer()
        : base(LayerKind.MultiHeadAttention, typeof(MultiHeadAttentionAttribute), "MultiHeadAttention", "multi_head_attention",
            NumHeads, KeyDim, ValueDim, CommonOptions.UseBias, OutputShape)
    {
    }

    public override IEnumerable<string> Aliases => new[] { Kind, KerasClass, "MultiheadAttention", "mha" };

    public override LayerOutput? Infer(LayerContext context)
    {
        if (Sequences(context) is not { } roles)
            return null;
        var (query, value, key) = roles;
        var spec = context.Spec;
        long heads = NumHeads.Get(spec), keyDim = KeyDim.Get(spec), valueDim = ValueDimOf(spec);
        int output = OutputShape.Find(spec) ?? query.Shape[1];
        long t = query.Shape[0], s = value.Shape[0];
        bool bias = CommonOptions.UseBias.Get(spec);
        long queryWeights = Projection(query.Shape[1], heads * keyDim, bias);
        long keyWeights = Projection(key.Shape[1], heads * keyDim, bias);
        long valueWeights = Projection(value.Shape[1], heads * valueDim, bias);
        long outputWeights = Projection(heads * valueDim, output, bias);
        long parameters = queryWeights + keyWeights + valueWeights + outputWeights;
        // Each projection costs its weights once per step (torchinfo counts bias adds); then H·T·S·(K + V) for scores and sums.
        long multAdds = (t * queryWeights) + (s * keyWeights) + (s * valueWeights) + (heads * t * s * (keyDim + valueDim)) + (t * outputWeights);
        return LayerOutput.Trained(EquatableArray.Of(query.Shape[0], output), parameters, multAdds);
    }

    /// <summary>A projection's weights: in·out, and out biases.</summary>
    private static long Projection(long inputs, long outputs, bool bias) => (inputs * outputs) + (bias ? outputs : 0);

    private static int ValueDimOf(LayerSpec spec) => ValueDim.Find(spec) ?? KeyDim.Get(spec);

    public override LayerField Field(LayerPlan layer)
    {
        var spec = layer.Spec;
        var shapes = layer.InputShapes;
        int queryFeatures = shapes[0][1], valueFeatures = shapes[shapes.Count > 1 ? 1 : 0][1], keyFeatures = shapes[shapes.Count - 1][1];
        var arguments = new[]
        {
            CSharp.Long(queryFeatures), CSharp.Long(valueFeatures), CSharp.Long(keyFeatures),
            CSharp.Long(NumHeads.Get(spec)), CSharp.Long(KeyDim.Get(spec)), CSharp.Long(ValueDimOf(spec)), CSharp.Long(layer.Outputs[0].Shape[1]),
            CSharp.Bool(CommonOptions.UseBias.Get(spec)), CSharp.Double(Dropout.Get(spec)), CSharp.Bool(UseCausalMask.Get(spec)),
        };
        return new LayerField(Module, "new " + Module + "(" + string.Join(", ", arguments) + ")");
    }

    /// <summary>
    /// Glorot-uniform kernels with Keras's fans for EinsumDense's kernels: (D, H, K) has fan_in H·D and fan_out K·D,
    /// (H, V, O) fan_in V·H and fan_out O·H (<c>compute_fans</c>: the leading dimensions are the receptive field); zero biases.
    /// </summary>
    public override IEnumerable<string> Initialise(LayerPlan layer)
    {
        string field = Identifier.Escape(layer.Name);
        var spec = layer.Spec;
        var shapes = layer.InputShapes;
        long heads = NumHeads.Get(spec), keyDim = KeyDim.Get(spec), valueDim = ValueDimOf(spec), output = layer.Outputs[0].Shape[1];
        var projections = new (string Name, long Features, long HeadSize)[]
        {
            ("query", shapes[0][1], keyDim),
            ("key", shapes[shapes.Count - 1][1], keyDim),
            ("value", shapes[shapes.Count > 1 ? 1 : 0][1], valueDim),
        };
        foreach (var (name, features, size) in projections)
        {
            yield return Initialisers.Glorot(field + "." + name + ".kernel", heads * features, size * features);
            yield return Initialisers.Zeros(field + "." + name + ".bias");
        }
        yield return Initialisers.Glorot(field + ".attention_output.kernel", valueDim * heads, output * heads);
        yield return Initialisers.Zeros(field + ".attention_output.bias");
    }

    /// <summary>
    /// The projections as MatMul (kernels reshaped to matrices) and Add, the heads split by Reshape and Transpose, the
    /// query scaled by 1 / sqrt(K), scores by MatMul, the causal mask, Softmax over the keys, the weighted sum by MatMul,
    /// the heads joined and projected.
    /// </summary>
    protected override string OnnxAttention(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks)
    {
        var spec = layer.Spec;
        var (query, value, key) = Roles(inputs);
        var (queryMask, valueMask, keyMask) = RolesOf(masks);
        var shapes = layer.InputShapes;
        int t = shapes[0][0], s = shapes[shapes.Count > 1 ? 1 : 0][0];
        long heads = NumHeads.Get(spec), keyDim = KeyDim.Get(spec), valueDim = ValueDimOf(spec), output = layer.Outputs[0].Shape[1];
        bool bias = CommonOptions.UseBias.Get(spec);
        string Project(string x, string name, long features, long produced)
        {
            string kernel = onnx.Node("Reshape", new[] { onnx.Weight(layer.Name + "." + name + ".kernel"), onnx.Longs(new[] { features, produced }) });
            string product = onnx.Node("MatMul", new[] { x, kernel });
            return bias ? onnx.Node("Add", new[] { product, onnx.Node("Reshape", new[] { onnx.Weight(layer.Name + "." + name + ".bias"), onnx.Longs(new[] { produced }) }) }) : product;
        }
        // (N, L, H·size) → (N, H, L, size), or (N, H, size, L) for the keys.
        string Heads(string projected, long length, long size, int[] perm) =>
            onnx.Node("Transpose", onnx.Node("Reshape", new[] { projected, onnx.Longs(new[] { 0, length, heads, size }) }), OnnxCode.Ints("perm", perm));
        string q = onnx.Node("Mul", new[] { Heads(Project(query, "query", shapes[0][1], heads * keyDim), t, keyDim, new[] { 0, 2, 1, 3 }), onnx.Scalar(1 / System.Math.Sqrt(keyDim)) });
        string k = Heads(Project(key, "key", shapes[shapes.Count - 1][1], heads * keyDim), s, keyDim, new[] { 0, 2, 3, 1 });
        string v = Heads(Project(value, "value", shapes[shapes.Count > 1 ? 1 : 0][1], heads * valueDim), s, valueDim, new[] { 0, 2, 1, 3 });
        string weights = MaskedSoftmax(layer, onnx, onnx.Node("MatMul", new[] { q, k }), t, s, queryMask, valueMask, keyMask, headAxis: true);
        string joined = onnx.Node("Reshape", new[]
        {
            onnx.Node("Transpose", onnx.Node("MatMul", new[] { weights, v }), OnnxCode.Ints("perm", 0, 2, 1, 3)),
            onnx.Longs(new[] { 0, (long)t, heads * valueDim }),
        });
        return Project(joined, "attention_output", heads * valueDim, output);
    }

    public override IEnumerable<string> Describe(LayerPlan layer)
    {
        yield return "Size = " + CSharp.Int(NumHeads.Get(layer.Spec));
        yield return "Rate = " + CSharp.Double(Dropout.Get(layer.Spec));
        yield return "UseBias = " + CSharp.Bool(CommonOptions.UseBias.Get(layer.Spec));
    }

    private const string Module = "global::Dsl.Modules.MultiHeadAttention";
}
