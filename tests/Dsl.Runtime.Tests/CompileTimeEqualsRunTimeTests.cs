using System;
using System.Collections.Generic;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests;

/// <summary>
/// Everything the generator computed at compile time must match what TorchSharp does at run time:
/// parameter counts and every layer's output shape in a real forward pass.
/// </summary>
public class CompileTimeEqualsRunTimeTests
{
    public static TheoryData<string> Models() => new(ModelChecks.Catalog.Select(m => m.Name));

    [Fact]
    public void The_catalog_covers_at_least_twenty_three_models_and_every_layer_kind()
    {
        Assert.True(ModelChecks.Catalog.Count >= 23, $"only {ModelChecks.Catalog.Count} models");
        var kinds = ModelChecks.Catalog.SelectMany(m => m.Layers).Select(l => l.Kind).ToHashSet();
        Assert.Equal(LayerKind.All.ToHashSet(), kinds);
        var activations = ModelChecks.Catalog.SelectMany(m => m.Layers).Select(l => l.Activation).ToHashSet();
        Assert.Equal(Enum.GetValues<Activation>().ToHashSet(), activations);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Parameter_counts_equal_the_modules_parameters_and_buffers(string name) =>
        ModelChecks.ParameterCountsMatch(ModelCatalog.Get(name));

    [Theory]
    [MemberData(nameof(Models))]
    public void A_forward_pass_gives_every_layer_the_shape_computed_at_compile_time(string name) =>
        ModelChecks.LayerShapesMatch(ModelCatalog.Get(name));

    [Fact]
    public void State_dict_keys_are_the_keras_layer_names()
    {
        using var model = new SeedModel1();
        var keys = model.state_dict().Keys.ToArray();
        Assert.Contains("conv2d_1.weight", keys);
        Assert.Contains("conv2d_1.bias", keys);
        Assert.Contains("dense_1.weight", keys);
        Assert.All(keys, k => Assert.Contains(k.Split('.')[0], SeedModel1.Layers.Select(l => l.Name)));
    }
}
