using System;
using System.Linq;
using Dsl.Runtime.Tests.Models;
using Dsl.Runtime.Tests.Training;

namespace Dsl.Runtime.Tests;

/// <summary>
/// The sample's YAML models (samples/Mnist/Models/*.model.yaml, compiled into this assembly too) are the seed
/// notebook's architectures and a residual graph: each equals its attribute twin in SeedModels.cs, down to dropout rates, layer order,
/// weights from the same seed and outputs. Being in this assembly's catalog, they also pass the compile-time =
/// run-time and initialiser tests.
/// </summary>
[Collection(TrainingCollection.Name)]   // seeded construction
public class ShippedYamlModelTests
{
    public static TheoryData<string> YamlModels() => new(ShippedYaml().Select(m => m.Name));

    private static ModelInfo[] ShippedYaml() =>
        ModelChecks.Catalog.Where(m => m.Source.EndsWith(".model.yaml", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void The_shipped_models_are_compiled_here()
    {
        Assert.Equal(
            ["AdditionRnn.model.yaml", "DenoisingAutoencoder.model.yaml", "Model1.model.yaml", "Model2.model.yaml", "Model3.model.yaml", "ResidualCnn.model.yaml", "RowLstm.model.yaml", "SiameseNetwork.model.yaml", "TwoViewCnn.model.yaml", "VisionTransformer.model.yaml"],
            ShippedYaml().Select(m => m.Source).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(YamlModels))]
    public void Each_equals_its_attribute_twin(string name)
    {
        var twin = ModelCatalog.Find("Seed" + name);
        Assert.True(twin is not null, $"{name} has no attribute twin Seed{name} in SeedModels.cs");
        Assert.Equal("attributes", twin.Source);
        ModelTwins.AssertSameNetwork(twin, ModelCatalog.Get(name));
    }
}
