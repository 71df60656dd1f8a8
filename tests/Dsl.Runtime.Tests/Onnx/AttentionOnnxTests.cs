using System.Linq;
using Dsl.Onnx.Proto;
using Dsl.Runtime.Tests.Models;
using Dsl.Runtime.Tests.Numerics;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Onnx;

/// <summary>
/// The attention kinds in the ONNX export: Gather of the table by int64 or int32 ids for embeddings, MatMul, Softmax,
/// Reshape and Transpose for attention (the causal mask from the step indices), Slice and Expand for position
/// embeddings; ONNX Runtime computes what the model computes in evaluation, at batch 1 and 7, the attention zoo by
/// name (every catalog model is also checked by <see cref="OnnxExportTests"/>).
/// </summary>
public sealed class AttentionOnnxTests
{
    public static TheoryData<string> Zoo() => new(new[]
    {
        nameof(TokenAttention), nameof(CrossAttention), nameof(AttentionForms), nameof(SmallEncoder), nameof(GridEmbedding),
        nameof(QueryOverValue), nameof(CausalSelfAttention), nameof(Positions),
    });

    [Theory]
    [MemberData(nameof(Zoo))]
    public void Onnx_Runtime_equals_TorchSharp_on_the_attention_zoo_at_batch_1_and_7(string name)
    {
        var info = ModelCatalog.Get(name);
        using var scope = NewDisposeScope();
        using var model = info.Create();
        using (no_grad())
        {
            // Weights away from their initial values, biases and scalars included, so that every term is exported.
            foreach (var (_, parameter) in model.named_parameters())
                parameter.add_(randn(parameter.shape).mul(0.3));
        }
        model.eval();
        using var session = OnnxRuntimeRunner.Load(OnnxRuntimeRunner.Export(model));
        var (inputNames, outputNames) = OnnxRuntimeRunner.Names(info);
        foreach (int batch in new[] { 1, 7 })
        {
            var inputs = GeneratedModules.RandomInputs(info, batch);
            var expected = OnnxRuntimeRunner.Torch(model, inputs);
            var actual = OnnxRuntimeRunner.Run(session, inputNames, inputs, outputNames);
            Assert.Equal(OnnxRuntimeRunner.Batch(info.Outputs[0].Shape, batch), actual[0].Shape);
            OnnxRuntimeRunner.AssertClose($"{name} at batch {batch}", expected[0], actual[0].Values);
        }
    }

    [Fact]
    public void Embeddings_export_as_gather_with_integer_inputs_and_attention_as_matmul_and_softmax()
    {
        using var scope = NewDisposeScope();
        using var model = new TokenAttention();
        var graph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(model)).Graph;
        var ops = graph.Node.Select(n => n.OpType).ToList();
        // mask_zero: the ids' mask first (Cast, Equal, Not), then the rows gathered.
        Assert.Equal(new[] { "Cast", "Equal", "Not", "Gather" }, ops.Take(4));
        Assert.Equal((int)TensorProto.Types.DataType.Int64, graph.Input[0].Type.TensorType.ElemType);
        Assert.Contains(graph.Initializer, i => i.Name == "tokens.embeddings");
        Assert.Contains(graph.Initializer, i => i.Name == "multi_head_attention_1.query.kernel" && i.Dims.SequenceEqual(new long[] { 8, 2, 4 }));
        Assert.Contains(graph.Initializer, i => i.Name == "multi_head_attention_1.attention_output.kernel" && i.Dims.SequenceEqual(new long[] { 2, 4, 8 }));
        Assert.Equal(2, ops.Count(op => op == "Softmax"));   // the attention's and the classifier's
        Assert.Contains("Expand", ops);
        // The mask reaches the attention's scores (one Where: −1e9 where the key is padding) and the average (ReduceSum).
        Assert.Single(ops, op => op == "Where");
        Assert.Contains("ReduceSum", ops);

        using var encoder = new SmallEncoder();
        var encoderGraph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(encoder)).Graph;
        Assert.Equal("Gather", encoderGraph.Node[0].OpType);
        Assert.Equal((int)TensorProto.Types.DataType.Int32, encoderGraph.Input[0].Type.TensorType.ElemType);
        Assert.Equal(2, encoderGraph.Node.Count(n => n.OpType == "Softmax"));
    }

    [Fact]
    public void A_causal_mask_is_built_from_the_step_indices_and_concat_scores_reduce_over_the_features()
    {
        using var scope = NewDisposeScope();
        using var model = new AttentionForms();
        var ops = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(model)).Graph.Node.Select(n => n.OpType).ToList();
        Assert.Equal(1, ops.Count(op => op == "Where"));
        Assert.Equal(2, ops.Count(op => op == "Tanh"));
        Assert.Equal(2, ops.Count(op => op == "ReduceSum"));
        Assert.Equal(4, ops.Count(op => op == "Softmax"));
    }
}
