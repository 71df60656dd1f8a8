using Dsl.Runtime.Tests.Models;
using Samples.Mnist;

namespace Mnist.Tests;

/// <summary>The sample ships Model1 twice, as YAML and as attributes, to show both forms: they must be one network.</summary>
[Collection(InProcessCollection.Name)]   // seeded construction
public class ShippedModelTests
{
    [Fact]
    public void Model1_from_yaml_equals_Model1FromAttributes_at_run_time()
    {
        Assert.Equal("Model1.model.yaml", Model1.Info.Source);
        Assert.Equal("attributes", Model1FromAttributes.Info.Source);
        ModelTwins.AssertSameNetwork(Model1FromAttributes.Info, Model1.Info);
    }
}
