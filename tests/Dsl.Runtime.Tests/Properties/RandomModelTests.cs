using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Dsl.Runtime.Tests.Properties;

/// <summary>
/// Property test: random valid stacks and graphs, compiled with the generator in-process, have at run time exactly the
/// parameter counts and layer shapes the generator computed. Seeded, so a failure reproduces; the failing declaration
/// is printed.
/// </summary>
public class RandomModelTests
{
    private const int Seed = 20_261_124;
    private const int Stacks = 50;
    private const int Graphs = 50;
    private const int BlockModels = 24;

    private readonly ITestOutputHelper _output;

    public RandomModelTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Random_stacks_and_graphs_match_torchsharp()
    {
        var random = new RandomModels(Seed);
        var sources = Enumerable.Range(0, Stacks + Graphs + BlockModels)
            .Select(i => (Name: "Random" + i, Source: i >= Stacks + Graphs ? random.BlockModel("Random" + i) : random.Model("Random" + i, graph: i >= Stacks)))
            .ToList();
        var (diagnostics, models) = InProcessGenerator.Compile("RandomModels", sources.Select(s => s.Source));
        Assert.True(diagnostics.IsEmpty, "The generator or compiler reported:\n" + string.Join("\n", diagnostics.Take(20)) + "\n\n" + Declaration(sources, diagnostics.FirstOrDefault()));
        Assert.Equal(sources.Count, models.Count);

        int graphs = 0, merges = 0, uses = 0, reuses = 0, twoInputs = 0;
        foreach (var (name, source) in sources)
        {
            var info = models[name];
            try
            {
                ModelChecks.ParameterCountsMatch(info);
                ModelChecks.LayerShapesMatch(info);
            }
            catch (Exception)
            {
                _output.WriteLine(source);
                throw;
            }
            graphs += info.IsSequential ? 0 : 1;
            merges += info.Layers.Count(l => l.Inputs.Count > 1);
            uses += info.Layers.Count(l => l.Kind == LayerKind.Block && l.Shares is null);
            reuses += info.Layers.Count(l => l.Shares is not null);
            twoInputs += info.Inputs.Count > 1 ? 1 : 0;
        }
        var kinds = models.Values.SelectMany(m => m.AllLayers).Select(l => l.Kind).ToHashSet();
        _output.WriteLine($"{sources.Count} models, {graphs} of them graphs with {merges} merges, {uses} block uses, {reuses} reuses, {twoInputs} with two inputs; {kinds.Count} of {LayerKind.All.Count} kinds drawn");
        // The draw must really produce graphs, blocks, reuses and two inputs, and reach every kind, or the property says nothing about them.
        Assert.True(graphs >= Graphs * 2 / 3, $"only {graphs} graphs");
        Assert.True(uses >= BlockModels * 2 && reuses >= BlockModels / 3 && twoInputs >= BlockModels / 4, $"only {uses} block uses, {reuses} reuses, {twoInputs} models with two inputs");
        Assert.Equal(LayerKind.All.Select(k => k.Name).Order(), kinds.Select(k => k.Name).Order());
    }

    private static string Declaration(System.Collections.Generic.IReadOnlyList<(string Name, string Source)> sources, Diagnostic? diagnostic)
    {
        var path = diagnostic?.Location.GetLineSpan().Path ?? string.Empty;
        int index = path.StartsWith("/random/Model", StringComparison.Ordinal) && int.TryParse(path["/random/Model".Length..^3], out int i) ? i : -1;
        return index >= 0 ? sources[index].Source : string.Empty;
    }
}
