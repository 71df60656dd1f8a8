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

    protected override int Gates => 3;

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
}
