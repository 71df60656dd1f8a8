using TorchSharp;
using Xunit;

namespace DslModel.Tests;

public class ModelTests
{
    [Fact]
    public void The_model_has_the_declared_parameters_and_outputs_ten_classes()
    {
        using var model = new DslModel();
        long count = 0;
        foreach (var parameter in model.parameters())
            count += parameter.numel();
        Assert.Equal(DslModel.ParameterCount, count);
        using var output = model.call(torch.zeros(2, 1, 28, 28));
        Assert.Equal(new long[] { 2, 10 }, output.shape);
    }
}
