using System.Linq;
using Dsl.Onnx.Proto;
using Dsl.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Onnx;

/// <summary>
/// The recurrent kinds in the ONNX export (OnnxExportTests checks every zoo model against ONNX Runtime at batches 1 and 7):
/// ONNX's LSTM, GRU and RNN operators over time-major values, Keras's gates reordered for ONNX's LSTM (i, o, f, c), GRU's
/// reset_after as linear_before_reset, Keras's activations named in the operator; an unrolled graph where ONNX lacks the
/// activation; Bidirectional as two operators and a merge, TimeDistributed between two Reshapes.
/// </summary>
public sealed class RecurrentOnnxTests
{
    [Fact]
    public void Recurrent_layers_export_as_onnxs_recurrent_operators_with_kerass_activations()
    {
        using var model = new RecurrentStack();
        var graph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(model)).Graph;
        var recurrent = graph.Node.Where(n => n.OpType is "RNN" or "LSTM" or "GRU").ToList();
        Assert.Equal(new[] { "RNN", "GRU", "GRU", "LSTM" }, recurrent.Select(n => n.OpType));
        Assert.Equal(new[] { "Relu" }, Activations(recurrent[0]));
        Assert.Equal(1, recurrent[1].Attribute.Single(a => a.Name == "linear_before_reset").I);
        Assert.Equal(0, recurrent[2].Attribute.Single(a => a.Name == "linear_before_reset").I);
        Assert.Equal(new[] { "HardSigmoid", "Tanh" }, Activations(recurrent[2]));
        Assert.Equal(new[] { 1f / 6 }, recurrent[2].Attribute.Single(a => a.Name == "activation_alpha").Floats);
        Assert.Equal(new[] { "Sigmoid", "Softsign", "Softsign" }, Activations(recurrent[3]));
        // No bias on the last LSTM: the operator's optional B is left out.
        Assert.Equal(3, recurrent[3].Input.Count);
        Assert.All(recurrent, n => Assert.Equal(0, n.Attribute.SingleOrDefault(a => a.Name == "layout")?.I ?? 0));
    }

    [Fact]
    public void Activations_onnx_lacks_unroll_the_steps_and_onnx_runtime_still_equals_the_module()
    {
        using var scope = NewDisposeScope();
        using var model = new UnrolledRecurrences();
        model.eval();
        var bytes = OnnxRuntimeRunner.Export(model);
        var graph = ModelProto.Parser.ParseFrom(bytes).Graph;
        Assert.DoesNotContain(graph.Node, n => n.OpType is "RNN" or "LSTM" or "GRU");
        Assert.Contains(graph.Node, n => n.OpType == "Erf");
        using var session = OnnxRuntimeRunner.Load(bytes);
        var input = randn(7, 5, 3);
        OnnxRuntimeRunner.AssertClose("UnrolledRecurrences", OnnxRuntimeRunner.Torch(model, input), OnnxRuntimeRunner.Run(session, input).Values);
    }

    [Fact]
    public void Bidirectional_is_two_operators_and_its_merge_and_time_distributed_folds_the_steps_into_the_batch()
    {
        using var bidirectional = new BidirectionalStack();
        var ops = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(bidirectional)).Graph.Node.Select(n => n.OpType).ToList();
        Assert.Equal(2, ops.Count(op => op == "LSTM"));
        Assert.Equal(2, ops.Count(op => op == "GRU"));
        Assert.Contains("Concat", ops);
        Assert.Contains("Add", ops);
        using var distributed = new TimeDistributedDense();
        var graph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(distributed)).Graph;
        Assert.Equal(new[] { "Reshape", "Gemm", "Relu", "Reshape" }, graph.Node.Select(n => n.OpType).Take(4));
        Assert.Contains(graph.Initializer, i => i.Name == "time_distributed_1.dense.weight");
    }

    [Fact]
    public void Masks_run_the_steps_one_by_one_and_onnx_runtime_equals_the_module_on_padded_batches()
    {
        using var scope = NewDisposeScope();
        using var model = new MaskedRecurrences();
        model.eval();
        var bytes = OnnxRuntimeRunner.Export(model);
        Assert.DoesNotContain(ModelProto.Parser.ParseFrom(bytes).Graph.Node, n => n.OpType is "LSTM" or "GRU" or "RNN");
        using var session = OnnxRuntimeRunner.Load(bytes);
        var info = MaskedRecurrences.Info;
        var (inputNames, outputNames) = OnnxRuntimeRunner.Names(info);
        // Padding after, before and between the real steps, and a sample without any.
        var input = randn(4, 6, 3);
        input[0, 4..] = zeros(2, 3);
        input[1, ..2] = zeros(2, 3);
        input[2, 2..4] = zeros(2, 3);
        var expected = OnnxRuntimeRunner.Torch(model, new[] { input });
        var actual = OnnxRuntimeRunner.Run(session, inputNames, new[] { input }, outputNames);
        for (int o = 0; o < info.Outputs.Count; o++)
            OnnxRuntimeRunner.AssertClose("MaskedRecurrences's output " + info.Outputs[o].Name, expected[o], actual[o].Values);
    }

    [Fact]
    public void Initial_states_are_the_operators_initial_h_and_initial_c_and_the_unrolled_graphs_first_states()
    {
        using var scope = NewDisposeScope();
        using var seq2seq = new Seq2SeqStates();
        var graph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(seq2seq)).Graph;
        var lstms = graph.Node.Where(n => n.OpType == "LSTM").ToList();
        Assert.Equal(2, lstms.Count);
        // X, W, R, B, sequence_lens (left out), initial_h, initial_c: the decoder's states come from the encoder's Y_h and Y_c.
        var decoder = lstms.Single(n => n.Input.Count == 7);
        Assert.Equal(string.Empty, decoder.Input[4]);
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node);
        Assert.All(decoder.Input.Skip(5), state => Assert.Equal("Unsqueeze", producers[state].OpType));

        // Padding in the target, at its start and end: the unrolled decoder keeps the encoder's states through it.
        using var model = new MaskedInitialStates();
        model.eval();
        using var session = OnnxRuntimeRunner.Load(OnnxRuntimeRunner.Export(model));
        var (inputNames, outputNames) = OnnxRuntimeRunner.Names(MaskedInitialStates.Info);
        var source = randn(3, 5, 3);
        var target = randn(3, 6, 2);
        target[0, ..2] = zeros(2, 2);
        target[1, 4..] = zeros(2, 2);
        var inputs = new[] { source, target };
        var expected = OnnxRuntimeRunner.Torch(model, inputs);
        var actual = OnnxRuntimeRunner.Run(session, inputNames, inputs, outputNames);
        for (int o = 0; o < expected.Count; o++)
            OnnxRuntimeRunner.AssertClose("MaskedInitialStates's output " + outputNames[o], expected[o], actual[o].Values);
        // A padded first step outputs the initial h, the encoder's final state (Keras's loop without unroll).
        var outputs = model.forward(source, target);
        var (_, encoderStates) = model.encoder.ForwardWithStates(source);
        Assert.True(outputs.decoder_output[0, 0].allclose(encoderStates[0][0]));
        Assert.False(outputs.decoder_output[1, 0].allclose(encoderStates[0][1]));
    }

    private static string[] Activations(NodeProto node) =>
        node.Attribute.Single(a => a.Name == "activations").Strings.Select(s => s.ToStringUtf8()).ToArray();
}
