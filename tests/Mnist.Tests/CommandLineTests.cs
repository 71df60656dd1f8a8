using System.Linq;
using Samples.Mnist.Cli;

namespace Mnist.Tests;

/// <summary>Invalid arguments are rejected with a message that says what is wrong, before any work starts.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("--epochs 0", "--epochs must be at least 1")]
    [InlineData("--batch-size -5", "--batch-size must be at least 1")]
    [InlineData("--lr 0", "--lr must be a positive number")]
    [InlineData("--lr -0.1", "--lr must be a positive number")]
    [InlineData("--train-limit 0", "--train-limit must be at least 1")]
    [InlineData("--threads 0", "--threads must be between 1 and 1024")]
    [InlineData("--models Model9", "Unknown model(s): Model9")]
    [InlineData("--models Model1,Nope", "Unknown model(s): Nope")]
    [InlineData("--data /no/such/folder", "does not exist")]
    [InlineData("--device tpu", "tpu")]
    [InlineData("--epochs twelve", "--epochs must be at least 1, not 'twelve'")]
    [InlineData("report /no/such/run", "does not exist")]
    [InlineData("--validation split:1.5", "--validation split:F needs a fraction strictly between 0 and 1")]
    [InlineData("--validation split:0", "strictly between 0 and 1")]
    [InlineData("--validation split:abc", "--validation must be 'test'")]
    [InlineData("--validation holdout", "--validation must be 'test' (the notebook's way")]
    [InlineData("--early-stopping -1", "--early-stopping must be a patience of at least 0 epochs, not '-1'")]
    public void Invalid_values_get_a_clear_error(string arguments, string message)
    {
        var result = MnistCli.Create().Parse(arguments);
        Assert.NotEmpty(result.Errors);
        Assert.Contains(result.Errors, e => e.Message.Contains(message, System.StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_the_seed_notebooks()
    {
        var result = MnistCli.Create().Parse("");
        Assert.Empty(result.Errors);
        Assert.Equal(12, result.GetValue<int>("--epochs"));
        Assert.Equal(128, result.GetValue<int>("--batch-size"));
        Assert.Equal(0.001, result.GetValue<double>("--lr"));
        Assert.Equal(ExperimentCommand.DefaultModels, result.GetValue<string[]>("--models"));
        Assert.Equal("test", result.GetValue<Samples.Mnist.Experiment.ValidationChoice>("--validation")!.ToString());
        Assert.Null(result.GetValue<int?>("--early-stopping"));
        Assert.False(result.GetValue<bool>("--reduce-lr"));
    }

    [Fact]
    public void A_validation_split_and_the_callbacks_parse()
    {
        var result = MnistCli.Create().Parse("--validation split:0.1 --early-stopping 3 --reduce-lr --tensorboard logs");
        Assert.Empty(result.Errors);
        Assert.Equal(0.1, result.GetValue<Samples.Mnist.Experiment.ValidationChoice>("--validation")!.Split);
        Assert.Equal(3, result.GetValue<int?>("--early-stopping"));
        Assert.True(result.GetValue<bool>("--reduce-lr"));
    }

    [Fact]
    public void Models_can_be_listed_with_commas_or_spaces_and_any_case()
    {
        Assert.Empty(MnistCli.Create().Parse("--models model1,Model2 Model1FromAttributes").Errors);
    }
}
