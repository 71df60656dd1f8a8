using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dsl.Bench.Peers;

/// <summary>
/// The seed's models written by hand in TorchSharp, as a C# user writes them without the DSL: <c>nn.Sequential</c> of
/// <c>nn.Conv2d</c>, <c>nn.ReLU</c>, <c>nn.MaxPool2d</c>, <c>nn.Dropout</c>, <c>nn.Flatten</c>, <c>nn.Linear</c>, logits out
/// (the loss applies the softmax), Keras's initialisation (Glorot-uniform kernels, zero biases). libtorch's 'same'
/// padding puts an even kernel's extra row and column at the bottom and right, as Keras does (Model2's 2x2 convolution).
/// The sequence samples' twins are in <see cref="RowLstmTwin"/> and <see cref="VisionTransformerTwin"/>.
/// </summary>
internal static class SeedTwins
{
    private static readonly Dictionary<string, Func<nn.Module<Tensor, Tensor>>> Models = new(StringComparer.Ordinal)
    {
        ["Model1"] = Model1,
        ["Model2"] = Model2,
        ["Model3"] = Model3,
        ["RowLstm"] = () => new RowLstmTwin(),
        ["VisionTransformer"] = () => new VisionTransformerTwin(),
    };

    public static IReadOnlyCollection<string> Names => Models.Keys;

    public static bool Has(string model) => Models.ContainsKey(model);

    /// <summary>A new twin of <paramref name="model"/> with Keras's initial weights drawn from torch's generator.</summary>
    public static nn.Module<Tensor, Tensor> Create(string model)
    {
        if (!Models.TryGetValue(model, out var factory))
            throw new ArgumentException($"No hand-written TorchSharp twin of {model}; there are {string.Join(", ", Models.Keys)}.", nameof(model));
        var twin = factory();
        if (twin is RowLstmTwin or VisionTransformerTwin)
            return twin;   // they initialise themselves
        foreach (var module in twin.modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.xavier_uniform_(conv.weight!);
                    nn.init.zeros_(conv.bias!);
                    break;
                case Linear linear:
                    nn.init.xavier_uniform_(linear.weight!);
                    nn.init.zeros_(linear.bias!);
                    break;
            }
        }
        return twin;
    }

    /// <summary>What the optimizer updates: every trainable parameter's values.</summary>
    public static long TrainableParameters(nn.Module twin) =>
        twin.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    private static Conv2d Conv(long input, long output, long kernel) => nn.Conv2d(input, output, kernel, padding: TorchSharp.Padding.Same);

    private static nn.Module<Tensor, Tensor> Model1() => nn.Sequential(
        Conv(1, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
        Conv(64, 28, 3), nn.ReLU(), nn.Dropout(0.35),
        Conv(28, 12, 3), nn.ReLU(), nn.Dropout(0.4),
        nn.Flatten(), nn.Linear(12 * 14 * 14, 10));

    private static nn.Module<Tensor, Tensor> Model2() => nn.Sequential(
        Conv(1, 60, 3), nn.ReLU(), nn.Dropout(0.25), nn.MaxPool2d(2),
        Conv(60, 40, 3), nn.ReLU(), nn.Dropout(0.35), nn.MaxPool2d(2),
        Conv(40, 28, 3), nn.ReLU(), nn.Dropout(0.5), nn.MaxPool2d(2),
        Conv(28, 14, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.55),
        Conv(14, 8, 2), nn.ReLU(), nn.Dropout(0.6),
        nn.Flatten(), nn.Linear(8, 10));

    private static nn.Module<Tensor, Tensor> Model3() => nn.Sequential(
        Conv(1, 80, 5), nn.ReLU(), nn.MaxPool2d(3),
        Conv(80, 70, 3), nn.ReLU(), nn.Dropout(0.35),
        Conv(70, 50, 3), nn.ReLU(), nn.Dropout(0.35),
        Conv(50, 30, 3), nn.ReLU(), nn.Dropout(0.4),
        Conv(30, 20, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.5),
        Conv(20, 16, 3), nn.ReLU(), nn.Dropout(0.5),
        Conv(16, 8, 3), nn.ReLU(), nn.Dropout(0.55),
        nn.Flatten(), nn.Linear(8 * 4 * 4, 100), nn.ReLU(), nn.Dropout(0.7), nn.Linear(100, 10));
}
