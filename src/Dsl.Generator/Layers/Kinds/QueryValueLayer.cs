using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Generator.Analysis;
using Dsl.Generator.Diagnostics;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// What Keras's attention layers share (<c>MultiHeadAttention</c>, <c>Attention</c>): sequences (steps, features) as
/// query, value and optional key, listed in Keras's call order (<c>inputs: [query, value]</c> or
/// <c>[query, value, key]</c>, the key default the value), or one input (the previous layer's output, or <c>from</c>)
/// that is all three, which is self-attention; key and value of one length; a runtime module of <c>Dsl.Modules</c>
/// called with the query and the value (and the key).
/// </summary>
internal abstract class QueryValueLayer : LayerDefinition
{
    /// <summary>Keras's dropout of the attention weights, in training only: at least 0 and below 1 (DSL006 otherwise).</summary>
    public static readonly NumberOption Dropout = new(nameof(MultiHeadAttentionAttribute.Dropout))
    {
        IsValid = rate => rate >= 0 && rate < 1,
        OutOfRange = DiagnosticDescriptors.DropoutRateOutOfRange,
    };

    /// <summary>Keras's <c>use_causal_mask</c> call argument: step t of the query attends to steps up to t.</summary>
    public static readonly FlagOption UseCausalMask = new(nameof(MultiHeadAttentionAttribute.UseCausalMask));

    /// <summary>The query, the value and optionally the key; none means one input for all three.</summary>
    public static readonly TextsOption Inputs = new(nameof(MultiHeadAttentionAttribute.Inputs));

    protected QueryValueLayer(LayerKind kind, Type attribute, string kerasClass, string kerasName, params LayerOption[] options)
        : base(kind, attribute, kerasClass, kerasName, options.Concat(new LayerOption[] { Dropout, UseCausalMask, Inputs }).ToArray())
    {
    }

    public override EquatableArray<string> ReferencedInputs(LayerSpec layer) =>
        Inputs.Get(layer) is { Count: > 0 } inputs ? inputs : base.ReferencedInputs(layer);

    /// <summary>Two or three inputs when they are listed, and not beside <c>From</c> (DSL066).</summary>
    public override bool CheckLayer(LayerSpec layer, string name, ICollection<DiagnosticInfo> diagnostics)
    {
        var inputs = Inputs.Get(layer);
        string? problem = null;
        if (inputs.Count > 0 && CommonOptions.From.Get(layer) is { } from)
            problem = "it is given both Inputs (" + Quoted(inputs) + ") and From ('" + from + "'); list the query and the value in Inputs alone";
        else if (inputs.Count == 1)
            problem = "Inputs names only the query ('" + inputs[0] + "'), and no value; for self-attention name it twice (inputs: [" + inputs[0] + ", " + inputs[0] + "]), or leave Inputs out to attend over the previous layer's output";
        else if (inputs.Count > 3)
            problem = "Inputs names " + Invariant.ToText(inputs.Count) + " layers (" + Quoted(inputs) + ")";
        if (problem is null)
            return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AttentionInputs, layer.Location, name, KerasClass, problem));
        return false;
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));

    /// <summary>The query, value and key of a layer's inputs: one input is all three, two are the query and the value (the key).</summary>
    protected static (LayerInput Query, LayerInput Value, LayerInput Key) Roles(IReadOnlyList<LayerInput> inputs) => inputs.Count switch
    {
        1 => (inputs[0], inputs[0], inputs[0]),
        2 => (inputs[0], inputs[1], inputs[1]),
        _ => (inputs[0], inputs[1], inputs[2]),
    };

    /// <summary>
    /// The query, value and key when each is a sequence (steps, features) and the key has the value's steps; null after
    /// reporting an image or flat input (DSL026) or a key and a value of different lengths (DSL067).
    /// </summary>
    protected (LayerInput Query, LayerInput Value, LayerInput Key)? Sequences(LayerContext context)
    {
        var roles = Roles(context.Inputs);
        foreach (var (role, input) in new[] { ("query", roles.Query), ("value", roles.Value), ("key", roles.Key) })
        {
            if (input.Shape.Count == 2)
                continue;
            context.Fail(DiagnosticDescriptors.WrongInputRank, context.Name, KerasClass, "a sequence (steps, features) as its " + role,
                LayerContext.RankName(input.Shape.Count), Invariant.SampleShape(input.Shape), input.Description);
            return null;
        }
        if (roles.Key.Shape[0] != roles.Value.Shape[0])
        {
            context.Fail(DiagnosticDescriptors.KeyValueLengthsDiffer, context.Name, KerasClass, roles.Key.Description, Invariant.ToText(roles.Key.Shape[0]),
                roles.Value.Description, Invariant.ToText(roles.Value.Shape[0]));
            return null;
        }
        return roles;
    }

    public override string Forward(LayerPlan layer, IReadOnlyList<string> inputs)
    {
        string module = Identifier.Escape(layer.Name);
        return inputs.Count switch
        {
            1 => module + ".call(" + inputs[0] + ", " + inputs[0] + ")",
            2 => module + ".call(" + inputs[0] + ", " + inputs[1] + ")",
            _ => module + ".forward(" + inputs[0] + ", " + inputs[1] + ", " + inputs[2] + ")",
        };
    }

    /// <summary>Keras's attention layers use the masks of their query, value and key, and the output keeps the query's.</summary>
    public override bool SupportsMasking => true;

    public override bool OutputMasked(LayerSpec layer, IReadOnlyList<LayerInput> inputs) => inputs[0].Masked;

    public override string OutputMask(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) => masks[0]!;

    /// <summary>Whether the module takes the key's own mask (MultiHeadAttention does; Keras's Attention reads the value's only).</summary>
    protected virtual bool TakesKeyMask => true;

    /// <summary>The module's full call, with the query's, the value's (and the key's) masks; null where a value has none.</summary>
    public override string ForwardMasked(LayerPlan layer, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks)
    {
        var (query, value, key) = Roles(inputs);
        var (queryMask, valueMask, keyMask) = Roles(masks.Select(m => m ?? "null").ToList());
        string arguments = query + ", " + value + ", " + (inputs.Count == 3 ? key : "null") + ", " + queryMask + ", " + valueMask
            + (TakesKeyMask ? ", " + (inputs.Count == 3 ? keyMask : "null") : string.Empty);
        return Identifier.Escape(layer.Name) + ".forward(" + arguments + ")";
    }

    public override string OnnxMask(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) => masks[0]!;

    public override string Onnx(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs) => OnnxAttention(layer, onnx, inputs, new string?[inputs.Count]);

    public override string OnnxMasked(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks) =>
        OnnxAttention(layer, onnx, inputs, masks);

    /// <summary>The layer's ONNX form, given the inputs' masks (null where there is none).</summary>
    protected abstract string OnnxAttention(LayerPlan layer, OnnxCode onnx, IReadOnlyList<string> inputs, IReadOnlyList<string?> masks);

    /// <summary>The masks of the query, value and key (the key's is the value's when the key is the value).</summary>
    protected static (string? Query, string? Value, string? Key) RolesOf(IReadOnlyList<string?> masks) => masks.Count switch
    {
        1 => (masks[0], masks[0], null),
        2 => (masks[0], masks[1], null),
        _ => (masks[0], masks[1], masks[2]),
    };

    /// <summary>The ONNX values of the query, value and key.</summary>
    protected static (string Query, string Value, string Key) Roles(IReadOnlyList<string> inputs) => inputs.Count switch
    {
        1 => (inputs[0], inputs[0], inputs[0]),
        2 => (inputs[0], inputs[1], inputs[1]),
        _ => (inputs[0], inputs[1], inputs[2]),
    };

    /// <summary>
    /// The ONNX form of Keras's causal mask added to (N, …, T, S) scores: −1e9 where the key step s is after the query
    /// step t, from the step indices (T + S constants, not T·S).
    /// </summary>
    protected static string CausalBias(OnnxCode onnx, int queryLength, int keyLength)
    {
        string rows = onnx.Node("Reshape", new[] { onnx.Floats(Enumerable.Range(0, queryLength).Select(i => (double)i).ToArray()), onnx.Longs(new long[] { queryLength, 1 }) });
        string columns = onnx.Floats(Enumerable.Range(0, keyLength).Select(i => (double)i).ToArray());
        return onnx.Node("Where", new[] { onnx.Node("Greater", new[] { columns, rows }), onnx.Scalar(-1e9), onnx.Scalar(0) });
    }

    /// <summary>Softmax over the last axis (the keys), after the causal mask when the layer has one.</summary>
    protected static string MaskedSoftmax(LayerPlan layer, OnnxCode onnx, string scores, int queryLength, int keyLength) =>
        MaskedSoftmax(layer, onnx, scores, queryLength, keyLength, null, null, null, headAxis: false);

    /// <summary>
    /// Softmax over the keys after Keras's combined mask (<c>_compute_attention_mask</c>): the query's mask (N, T, 1), the
    /// value's and the key's (N, 1, S) and the causal one (T, S) and-ed, and −1e9 added where it is false, once, as
    /// Keras's Softmax adds it; with <paramref name="headAxis"/> the mask gets the heads' axis of (N, H, T, S) scores.
    /// </summary>
    protected static string MaskedSoftmax(LayerPlan layer, OnnxCode onnx, string scores, int queryLength, int keyLength,
        string? queryMask, string? valueMask, string? keyMask, bool headAxis)
    {
        var parts = new List<string>();
        if (queryMask is not null)
            parts.Add(onnx.Node("Unsqueeze", new[] { queryMask, onnx.Longs(new[] { 2L }) }));
        foreach (var mask in new[] { valueMask, keyMask })
        {
            if (mask is not null)
                parts.Add(onnx.Node("Unsqueeze", new[] { mask, onnx.Longs(new[] { 1L }) }));
        }
        bool batched = parts.Count > 0;
        if (UseCausalMask.Get(layer.Spec))
        {
            if (!batched)
                return onnx.Node("Softmax", onnx.Node("Add", new[] { scores, CausalBias(onnx, queryLength, keyLength) }), OnnxCode.Int("axis", -1));
            string rows = onnx.Node("Reshape", new[] { onnx.Floats(Enumerable.Range(0, queryLength).Select(i => (double)i).ToArray()), onnx.Longs(new long[] { queryLength, 1 }) });
            string columns = onnx.Floats(Enumerable.Range(0, keyLength).Select(i => (double)i).ToArray());
            parts.Add(onnx.Node("Not", onnx.Node("Greater", new[] { columns, rows })));
        }
        if (parts.Count == 0)
            return onnx.Node("Softmax", scores, OnnxCode.Int("axis", -1));
        string combined = parts.Skip(1).Aggregate(parts[0], (left, right) => onnx.Node("And", new[] { left, right }));
        if (headAxis)
            combined = onnx.Node("Unsqueeze", new[] { combined, onnx.Longs(new[] { 1L }) });
        string bias = onnx.Node("Where", new[] { combined, onnx.Scalar(0), onnx.Scalar(-1e9) });
        return onnx.Node("Softmax", onnx.Node("Add", new[] { scores, bias }), OnnxCode.Int("axis", -1));
    }
}
