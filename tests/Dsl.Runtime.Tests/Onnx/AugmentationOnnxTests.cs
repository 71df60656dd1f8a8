using System.Linq;
using Dsl.Onnx.Proto;
using Dsl.Runtime.Tests.Models;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Onnx;

/// <summary>
/// The augmentation kinds in the ONNX export, an inference graph: they leave no operator (a cast for integer images),
/// but RandomCrop, whose evaluation form is Keras's centred window (Slice) resized to the target (Resize, linear,
/// half-pixel, by sizes); ONNX Runtime then computes what the model computes in evaluation mode, even after training
/// mode was used.
/// </summary>
public sealed class AugmentationOnnxTests
{
    [Fact]
    public void Augmentations_alone_export_as_the_identity()
    {
        using var scope = NewDisposeScope();
        using var model = new AugmentationsOnly();
        var bytes = OnnxRuntimeRunner.Export(model);
        Assert.Equal(new[] { "Identity" }, ModelProto.Parser.ParseFrom(bytes).Graph.Node.Select(n => n.OpType));
        using var session = OnnxRuntimeRunner.Load(bytes);
        var input = rand(3, 2, 9, 9);
        Assert.Equal(input.data<float>().ToArray(), OnnxRuntimeRunner.Run(session, input).Values);
    }

    [Fact]
    public void A_crop_exports_as_its_evaluation_window_and_resize_and_onnx_runtime_equals_the_forward_pass_in_evaluation()
    {
        using var scope = NewDisposeScope();
        using var model = new AugmentedClassifier();
        var input = rand(4, 3, 20, 16);
        model.train();
        _ = model.forward(input);

        var bytes = OnnxRuntimeRunner.Export(model);
        var ops = ModelProto.Parser.ParseFrom(bytes).Graph.Node.Select(n => n.OpType).ToList();
        Assert.Equal(new[] { "Slice", "Shape", "Concat", "Resize", "Conv" }, ops.Take(5));
        Assert.Single(ops, op => op == "Slice");
        var resize = ModelProto.Parser.ParseFrom(bytes).Graph.Node.Single(n => n.OpType == "Resize");
        Assert.Equal("linear", resize.Attribute.Single(a => a.Name == "mode").S.ToStringUtf8());
        Assert.Equal("half_pixel", resize.Attribute.Single(a => a.Name == "coordinate_transformation_mode").S.ToStringUtf8());

        using var session = OnnxRuntimeRunner.Load(bytes);
        var expected = OnnxRuntimeRunner.Torch(model, input);
        var (values, shape) = OnnxRuntimeRunner.Run(session, input);
        Assert.Equal(new long[] { 4, 3 }, shape);
        OnnxRuntimeRunner.AssertClose("AugmentedClassifier", expected, values);
    }

    [Fact]
    public void Integer_images_are_cast_and_a_window_of_the_targets_size_is_only_sliced()
    {
        using var scope = NewDisposeScope();
        using var model = new CroppedPixels();
        var ops = ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(model)).Graph.Node.Select(n => n.OpType).ToList();
        Assert.Equal(new[] { "Cast", "Slice" }, ops.Take(2));
        Assert.DoesNotContain("Resize", ops);
        using var flip = new FlippedPixels();
        Assert.Equal("Cast", ModelProto.Parser.ParseFrom(OnnxRuntimeRunner.Export(flip)).Graph.Node[0].OpType);
    }
}
