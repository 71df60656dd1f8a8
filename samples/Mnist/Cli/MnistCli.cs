using System.CommandLine;

namespace Samples.Mnist.Cli;

/// <summary>The command line: the experiment as the root command, plus <c>report</c> and <c>predict</c>.</summary>
internal static class MnistCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Trains and compares CNN architectures on MNIST, like the seed notebook.");
        ExperimentCommand.Configure(root);
        root.Add(ReportCommand.Create());
        root.Add(PredictCommand.Create());
        root.Add(DenoiseCommand.Create());
        root.Add(SiameseCommand.Create());
        root.Add(AdditionCommand.Create());
        return root;
    }
}
