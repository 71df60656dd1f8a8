using System;
using System.Linq;
using Dsl.Onnx;
using Dsl.Onnx.Proto;
using Dsl.Runtime.Tests.Models;

namespace Dsl.Runtime.Tests.Onnx;

/// <summary>
/// The ONNX forms of Keras's center, scale, keepdims and noise_shape options (OnnxExportTests checks their values against
/// ONNX Runtime for every model of the catalog): a missing gamma or beta is a constant initializer of ones or zeros, kept
/// dimensions are ReduceMean's and ReduceMax's keepdims, and dropout with a noise shape is left out like any dropout.
/// </summary>
public sealed class KerasOptionsOnnxTests
{
    [Fact]
    public void Batch_normalization_without_gamma_or_beta_reads_constant_ones_or_zeros()
    {
        // The twin without the fold: three of the four normalizations follow a convolution and would be folded into it.
        using var model = new InceptionStyleBranchesUnfolded();
        var graph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(model)).Graph;
        var norms = graph.Node.Where(n => n.OpType == "BatchNormalization").ToList();
        Assert.Equal(4, norms.Count);

        // scale=False: gamma is a constant 1 (8 channels), beta the layer's own.
        AssertConstant(graph, norms[0].Input[1], 8, 1f);
        Assert.Equal("batch_normalization_1.bias", norms[0].Input[2]);
        // center=False: gamma the layer's own, beta a constant 0 (4 channels).
        Assert.Equal("batch_normalization_3.weight", norms[2].Input[1]);
        AssertConstant(graph, norms[2].Input[2], 4, 0f);
        // Neither: both constants (10 channels); the moving statistics are always the layer's.
        AssertConstant(graph, norms[3].Input[1], 10, 1f);
        AssertConstant(graph, norms[3].Input[2], 10, 0f);
        Assert.Equal(new[] { "batch_normalization_4.running_mean", "batch_normalization_4.running_var" }, norms[3].Input.Skip(3));
        // No initializer stands for a gamma or beta the model does not have.
        var keys = model.state_dict().Keys.ToHashSet();
        Assert.All(graph.Initializer.Where(i => !i.Name.StartsWith("const", StringComparison.Ordinal)), i => Assert.Contains(i.Name, keys));
    }

    [Fact]
    public void Global_pooling_with_keepdims_is_a_reduction_that_keeps_its_axes()
    {
        using var model = new NoiseShapesAndKeptPools();
        var graph = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(model)).Graph;
        foreach (var op in new[] { "ReduceMean", "ReduceMax" })
        {
            var node = Assert.Single(graph.Node, n => n.OpType == op);
            Assert.Equal(1, node.Attribute.Single(a => a.Name == "keepdims").I);
            Assert.Equal(new long[] { 2, 3 }, node.Attribute.Single(a => a.Name == "axes").Ints);
        }
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Dropout");
    }

    [Fact]
    public void Filled_constants_hold_their_value_and_equal_ones_share_one_initializer()
    {
        using var model = new SeedModel1();
        var builder = new OnnxGraphBuilder(model, "SeedModel1", SeedModel1.InputShape);
        string ones = builder.Filled(3, 1.0);
        Assert.Equal(ones, builder.Filled(3, 1.0));
        Assert.NotEqual(ones, builder.Filled(4, 1.0));
        Assert.NotEqual(ones, builder.Filled(3, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Filled(0, 1.0));
        builder.Output(builder.Input, SeedModel1.InputShape);
        var graph = ModelProto.Parser.ParseFrom(builder.ToArray()).Graph;
        Assert.Equal(3, graph.Initializer.Count);
        AssertConstant(graph, ones, 3, 1f);
    }

    private static void AssertConstant(GraphProto graph, string name, long length, float value)
    {
        var initializer = Assert.Single(graph.Initializer, i => i.Name == name);
        Assert.StartsWith("const", initializer.Name, StringComparison.Ordinal);
        Assert.Equal(new[] { length }, initializer.Dims);
        var bytes = initializer.RawData.ToByteArray();
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        Assert.Equal(Enumerable.Repeat(value, (int)length), values);
    }
}
