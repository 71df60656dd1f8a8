using System.Collections.Generic;
using Dsl.Generator.Emit;
using Dsl.Generator.Layers.Options;
using Dsl.Generator.Model;

namespace Dsl.Generator.Layers.Kinds;

/// <summary>
/// Keras <c>GRU</c>, gates z, r, h (ONNX's order too). With <c>reset_after</c> (Keras's default, libtorch's form) the bias is
/// (2, 3·units), input and recurrent rows: 3(D·U + U² + 2U) parameters, ONNX's <c>linear_before_reset=1</c>; without it one
/// bias of 3·units, 3(D·U + U² + U), ONNX's default form with a zero recurrent bias.
/// </summary>
internal sealed class GruLayer : RecurrentLayer
{
    public static readonly FlagOption ResetAfter = new(nameof(GRUAttribute.ResetAfter)) { Default = true };

    public GruLayer()
        : base(LayerKind.GRU, typeof(GRUAttribute), "GRU", "gru", RecurrentActivation, ResetAfter)
    {
    }

    public override int Gates => 3;

    protected override string ModuleType => "Gru";

    protected override string OnnxOperator => "GRU";

    public override long ParameterCount(LayerSpec spec, long features)
    {
        long units = Units.Get(spec);
        long biases = CommonOptions.UseBias.Get(spec) ? ResetAfter.Get(spec) ? 2 * units : units : 0;
        return checked(3 * ((features * units) + (units * units) + biases));
    }

    protected override IEnumerable<string> ExtraArguments(LayerSpec spec) => new[] { CSharp.Bool(ResetAfter.Get(spec)) };

    protected override IEnumerable<Activation> OnnxActivationOrder(LayerSpec spec) => new[] { RecurrentActivation.Get(spec), CellActivation.Get(spec) };

    protected override IEnumerable<string> OnnxAttributes(LayerSpec spec) => new[] { OnnxCode.Int("linear_before_reset", ResetAfter.Get(spec) ? 1 : 0) };

    /// <summary>With reset_after Keras's (2, 3·units) bias is already ONNX's [Wb, Rb]; without it the recurrent half is zero.</summary>
    protected override string OnnxBias(OnnxCode onnx, string key, LayerSpec spec, long units) =>
        ResetAfter.Get(spec)
            ? onnx.Node("Reshape", new[] { onnx.Weight(key), onnx.Longs(new[] { 1L, 6 * units }) })
            : base.OnnxBias(onnx, key, spec, units);

    /// <summary>With reset_after the input's bias is the first row of Keras's (2, 3·units) bias.</summary>
    public override string? OnnxInputBias(OnnxCode onnx, string key, LayerSpec spec) =>
        ResetAfter.Get(spec) ? onnx.Node("Gather", new[] { onnx.Weight(key), onnx.Longs(new[] { 0L }) }, OnnxCode.Int("axis", 0)) : onnx.Weight(key);

    /// <summary>Keras's GRU step; from zero states h·R vanishes (with reset_after the recurrent bias stays) and h = (1 − z)·hh.</summary>
    public override string[] OnnxStep(UnrolledRecurrence r, string projected, string[]? states)
    {
        var onnx = r.Onnx;
        bool resetAfter = ResetAfter.Get(r.Spec);
        string? recurrentBias = resetAfter && CommonOptions.UseBias.Get(r.Spec)
            ? onnx.Node("Gather", new[] { onnx.Weight(r.Key("bias")), onnx.Longs(new[] { 1L }) }, OnnxCode.Int("axis", 0))
            : null;
        string? h = states?[0];
        if (recurrentBias is not null)
            recurrentBias = r.Bind(recurrentBias);
        string? inner = resetAfter ? (h is null ? recurrentBias : recurrentBias is null ? r.Recurrent(h, 0, 3) : r.Add(r.Recurrent(h, 0, 3), recurrentBias)) : null;
        if (inner is not null)
            inner = r.Bind(inner);
        string Gate(int gate) =>
            resetAfter ? (inner is null ? r.Gate(projected, gate) : r.Add(r.Gate(projected, gate), r.Gate(inner, gate)))
            : h is null ? r.Gate(projected, gate) : r.Add(r.Gate(projected, gate), r.Recurrent(h, gate, 1));
        string z = r.Bind(r.ActivateGate(Gate(0)));
        string reset = r.ActivateGate(Gate(1));
        string candidate;
        if (resetAfter)
            candidate = r.Activate(inner is null ? r.Gate(projected, 2) : r.Add(r.Gate(projected, 2), r.Mul(reset, r.Gate(inner, 2))));
        else
            candidate = r.Activate(h is null ? r.Gate(projected, 2) : r.Add(r.Gate(projected, 2), r.Recurrent(r.Mul(reset, h), 2, 1)));
        string next = r.Mul(r.OneMinus(z), candidate);
        return new[] { h is null ? next : r.Add(r.Mul(z, h), next) };
    }
}
