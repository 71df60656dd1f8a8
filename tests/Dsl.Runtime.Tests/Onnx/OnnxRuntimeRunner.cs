using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Onnx;

/// <summary>Exports generated models and runs the ONNX files in ONNX Runtime, the reference a deployed model meets.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>The model's ONNX file in memory, through the generated <c>ExportOnnx(Stream)</c>.</summary>
    public static byte[] Export(nn.Module model)
    {
        using var stream = new MemoryStream();
        Assert.IsAssignableFrom<IGeneratedModel>(model).ExportOnnx(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// A session on one thread with ONNX Runtime's strict shape and type inference: loading checks the graph (every
    /// operator and attribute against opset 17, types, shapes, topological order) and fails on any inconsistency.
    /// </summary>
    public static InferenceSession Load(byte[] onnx)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.strict_shape_type_inference", "1");
        return new InferenceSession(onnx, options);
    }

    /// <summary>Runs <paramref name="input"/> (float32, on the CPU) through the session; returns the output's values and shape.</summary>
    public static (float[] Values, long[] Shape) Run(InferenceSession session, Tensor input) => Run(session, new[] { "input" }, new[] { input }, new[] { "output" })[0];

    /// <summary>
    /// Runs one tensor per ONNX input (float32 or an integer type, on the CPU) through the session; returns each named
    /// output's values and shape.
    /// </summary>
    public static IReadOnlyList<(float[] Values, long[] Shape)> Run(InferenceSession session, IReadOnlyList<string> inputNames, IReadOnlyList<Tensor> inputs, IReadOnlyList<string> outputNames)
    {
        var values = new List<OrtValue>();
        try
        {
            foreach (var input in inputs)
            {
                using var contiguous = input.contiguous();
                values.Add(input.dtype switch
                {
                    ScalarType.Int64 => OrtValue.CreateTensorValueFromMemory(contiguous.data<long>().ToArray(), input.shape),
                    ScalarType.Int32 => OrtValue.CreateTensorValueFromMemory(contiguous.data<int>().ToArray(), input.shape),
                    ScalarType.Byte => OrtValue.CreateTensorValueFromMemory(contiguous.data<byte>().ToArray(), input.shape),
                    _ => OrtValue.CreateTensorValueFromMemory(contiguous.data<float>().ToArray(), input.shape),
                });
            }
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputNames.ToArray(), values.ToArray(), outputNames.ToArray());
            return outputs.Select(o => (o.GetTensorDataAsSpan<float>().ToArray(), o.GetTensorTypeAndShape().Shape)).ToList();
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }
    }

    /// <summary>The ONNX names of a model's inputs and outputs: the inputs' own; <c>output</c> for a model's only output, else the outputs' names.</summary>
    public static (string[] Inputs, string[] Outputs) Names(ModelInfo info) =>
        (info.Inputs.Select(i => i.Name).ToArray(), info.Outputs.Count == 1 ? new[] { "output" } : info.Outputs.Select(o => o.Name).ToArray());

    /// <summary>TorchSharp's output in evaluation mode, without gradients.</summary>
    public static float[] Torch(nn.Module model, Tensor input) => Torch(model, new[] { input })[0];

    /// <summary>TorchSharp's outputs in evaluation mode, without gradients, for one tensor per input.</summary>
    public static IReadOnlyList<float[]> Torch(nn.Module model, Tensor[] inputs)
    {
        model.eval();
        using var _ = no_grad();
        var outputs = ((IGeneratedModel)model).Run(inputs);
        try
        {
            return outputs.Select(o => o.contiguous().data<float>().ToArray()).ToList();
        }
        finally
        {
            foreach (var output in outputs)
                output.Dispose();
        }
    }

    /// <summary>
    /// Every value within 1e-5 absolute or 1e-4 relative of TorchSharp's (NumPy's allclose with atol 1e-5, rtol 1e-4);
    /// <paramref name="relativeOnly"/> drops the absolute part, for outputs that legitimately reach huge values.
    /// </summary>
    public static void AssertClose(string what, float[] expected, float[] actual, bool relativeOnly = false)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values from ONNX Runtime, {expected.Length} from TorchSharp");
        double worstAbsolute = 0, worstRelative = 0;
        int worst = -1;
        double atol = relativeOnly ? 0 : 1e-5;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            Assert.False(double.IsNaN(e) || double.IsNaN(a), $"{what}: NaN at {i} (TorchSharp {e}, ONNX Runtime {a})");
            if (e == a)
                continue;
            double difference = Math.Abs(e - a);
            double relative = difference / Math.Max(Math.Abs(e), double.Epsilon);
            if (difference > atol + (1e-4 * Math.Abs(e)) && (worst < 0 || difference > worstAbsolute))
                worst = i;
            worstAbsolute = Math.Max(worstAbsolute, difference);
            worstRelative = Math.Max(worstRelative, relative);
        }
        Assert.True(worst < 0,
            $"{what}: value {worst} is {actual[Math.Max(worst, 0)]} in ONNX Runtime, {expected[Math.Max(worst, 0)]} in TorchSharp (largest differences: {worstAbsolute:G3} absolute, {worstRelative:G3} relative)");
    }

    /// <summary>The batch shape of a model's input: (n, …per-sample shape).</summary>
    public static long[] Batch(IReadOnlyList<int> shape, int n) => new long[] { n }.Concat(shape.Select(d => (long)d)).ToArray();
}
