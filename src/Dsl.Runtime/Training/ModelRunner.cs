using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Dsl.Training;

/// <summary>
/// Runs the model being trained on one tensor per input and hands each output to the losses and metrics as a
/// <see cref="ModelOutput"/>: a generated model through <see cref="IGeneratedModel.RunLogits"/>, so that a final softmax
/// or sigmoid is applied only where a value needs it; any other <c>Module&lt;Tensor, Tensor&gt;</c> as one input and
/// one output.
/// </summary>
internal sealed class ModelRunner
{
    private readonly nn.Module<Tensor, Tensor>? _module;
    private readonly IGeneratedModel? _generated;

    private ModelRunner(nn.Module<Tensor, Tensor>? module, IGeneratedModel? generated)
    {
        _module = module;
        _generated = generated;
        Outputs = generated is null ? new OutputInfo?[] { null } : generated.Info.Outputs.Select(o => (OutputInfo?)o).ToArray();
        OutputNames = generated is null ? new[] { "output" } : generated.Info.Outputs.Select(o => o.Name).ToArray();
    }

    /// <summary>The outputs' compile-time descriptions; a single <see langword="null"/> for other modules.</summary>
    public IReadOnlyList<OutputInfo?> Outputs { get; }

    /// <summary>The outputs' names (<c>output</c> for other modules).</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>How many input tensors the model takes.</summary>
    public int InputCount => _generated?.Info.Inputs.Count ?? 1;

    /// <summary>The generated model's metadata, or <see langword="null"/>.</summary>
    public ModelInfo? Info => _generated?.Info;

    /// <summary>The model's name for messages and checkpoints: the generated class's full name or the module's type.</summary>
    public static string ModelName(nn.Module model) =>
        model is IGeneratedModel generated ? generated.Info.FullName : model.GetType().FullName ?? model.GetType().Name;

    /// <summary>A runner for <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The model is neither generated nor a <c>Module&lt;Tensor, Tensor&gt;</c>.</exception>
    public static ModelRunner For(nn.Module model)
    {
        if (model is IGeneratedModel generated)
            return new ModelRunner(null, generated);
        return model is nn.Module<Tensor, Tensor> module
            ? new ModelRunner(module, null)
            : throw new ArgumentException(
                $"{ModelName(model)} is neither a generated model nor a Module<Tensor, Tensor>; the trainer passes one input tensor to other modules.", nameof(model));
    }

    /// <summary>Runs the model on <paramref name="inputs"/> (one per input).</summary>
    public ModelOutput[] Run(Tensor[] inputs)
    {
        if (_generated is null)
            return new[] { new ModelOutput("output", _module!.forward(inputs[0])) };
        var raw = _generated.RunLogits(inputs);
        var outputs = new ModelOutput[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            var info = _generated.Info.Outputs[i];
            outputs[i] = info.Activation is Activation.Softmax or Activation.Sigmoid
                ? ModelOutput.FromLogits(info.Name, raw[i], info.Activation)
                : new ModelOutput(info.Name, raw[i], info.Activation);
        }
        return outputs;
    }
}
