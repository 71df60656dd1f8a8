using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Numerics;

/// <summary>
/// The summary's cost figures for the seed models, worked out again from a real forward pass: each layer's mult-adds
/// from the tensors its module holds and produces (a convolution does kh·kw·c_in multiply-adds plus one bias add per
/// output value; a dense layer in + 1 per unit), and the MB lines from element counts and element sizes (MB = 10^6
/// bytes, as in torchinfo). Compared with the generated constants, the layer metadata and the printed summary.
/// </summary>
public class SummaryFigureTests
{
    public static TheoryData<string, long> SeedModels() => new()
    {
        { nameof(SeedModel1), SeedModel1.MultAdds },
        { nameof(SeedModel2), SeedModel2.MultAdds },
        { nameof(SeedModel3), SeedModel3.MultAdds },
    };

    [Theory]
    [MemberData(nameof(SeedModels))]
    public void Mult_adds_and_sizes_match_a_count_from_the_running_model(string name, long generatedConstant)
    {
        var info = ModelCatalog.Get(name);
        using var scope = NewDisposeScope();
        using var model = info.Create();
        model.eval();

        var children = model.named_children().ToDictionary(c => c.name, c => c.module);
        var outputs = new Dictionary<string, Tensor>();
        var removers = info.Layers.Select(layer =>
        {
            var module = Assert.IsAssignableFrom<nn.Module<Tensor, Tensor>>(children[layer.Name]);
            string key = layer.Name;
            return module.register_forward_hook((_, _, output) =>
            {
                outputs[key] = output.detach();
                return output;
            });
        }).ToList();
        const int batch = 2;
        var input = rand([batch, .. info.InputShape.Select(d => (long)d)]);
        using (no_grad())
            model.forward(input);
        removers.ForEach(r => r.remove());

        var derived = new Dictionary<string, long>();
        long activationBytes = 0;
        foreach (var layer in info.Layers)
        {
            var output = outputs[layer.Name];
            long perSample = output.numel() / batch;
            activationBytes += perSample * output.element_size();
            derived[layer.Name] = children[layer.Name] switch
            {
                TorchSharp.Modules.Conv2d conv => perSample * (conv.weight!.numel() / conv.weight.shape[0] + (conv.bias is null ? 0 : 1)),
                TorchSharp.Modules.Linear dense => perSample * (dense.weight!.shape[1] + (dense.bias is null ? 0 : 1)),
                TorchSharp.Modules.MaxPool2d or Dsl.Modules.Dropout or TorchSharp.Modules.Flatten => 0,
                var other => throw new InvalidOperationException($"{layer.Name}: no mult-add count for {other.GetType().Name}; add one"),
            };
        }
        long total = derived.Values.Sum();
        long parameterBytes = model.parameters().Sum(p => p.numel() * p.element_size());
        long inputBytes = input.numel() / batch * input.element_size();

        Assert.Equal(info.Layers.Select(l => (l.Name, derived[l.Name])), info.Layers.Select(l => (l.Name, l.MultAdds)));
        Assert.Equal(total, generatedConstant);
        Assert.Equal(total, info.MultAdds);

        // The printed table and footer.
        foreach (var layer in info.Layers)
            Assert.Equal(derived[layer.Name].ToString("N0", CultureInfo.InvariantCulture), SummaryRow(info.Summary, layer.Name)[^1]);
        Assert.Equal(Fixed(total / 1e6), Footer(info.Summary, "Total mult-adds per sample (M)"));
        Assert.Equal(Fixed(inputBytes / 1e6), Footer(info.Summary, "Input size per sample (MB)"));
        Assert.Equal(Fixed(activationBytes / 1e6), Footer(info.Summary, "Activations size per sample (MB)"));
        Assert.Equal(Fixed(parameterBytes / 1e6), Footer(info.Summary, "Params size (MB)"));
    }

    [Fact]
    public void The_seed_model_1_figures_are_the_ones_worked_out_by_hand()
    {
        // conv2d_1: 28·28·64 outputs × (3·3·1 + 1); conv2d_2: 14·14·28 × (3·3·64 + 1); conv2d_3: 14·14·12 × (3·3·28 + 1); dense_1: 10 × (2352 + 1).
        Assert.Equal((28 * 28 * 64 * 10) + (14 * 14 * 28 * 577) + (14 * 14 * 12 * 253) + (10 * 2353), SeedModel1.MultAdds);
        Assert.Equal("4.29", Footer(SeedModel1.Summary, "Total mult-adds per sample (M)"));
        Assert.Equal("0.17", Footer(SeedModel1.Summary, "Params size (MB)"));   // 43,362 × 4 bytes
    }

    private static string Fixed(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string[] SummaryRow(string summary, string layer) =>
        summary.Split('\n').Single(l => l.StartsWith(layer + " (", StringComparison.Ordinal))
            .Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Footer(string summary, string label)
    {
        var match = Regex.Match(summary, "^" + Regex.Escape(label) + @": (\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"the summary has no line '{label}: …'");
        return match.Groups[1].Value;
    }
}
