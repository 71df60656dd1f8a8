using Dsl.Bench.Common;
using Dsl.Data;
using static TorchSharp.torch;

namespace Dsl.Bench.Training;

/// <summary>The images a worker trains and evaluates on: the first N training and M test images of MNIST.</summary>
internal sealed record Workload(Tensor TrainX, Tensor TrainY, Tensor EvalX, Tensor EvalY)
{
    /// <summary>MNIST from the folder <c>train</c> chose (never downloads: the parent fetched it).</summary>
    public static MnistDataset LoadMnist(WorkerSettings settings)
    {
        var mnist = Mnist.Load(new MnistOptions { DataDirectory = settings.DataDirectory, AllowDownload = false });
        if (settings.TrainImages > mnist.Train.Count || settings.EvalImages > mnist.Test.Count)
        {
            string message = $"Asked for {settings.TrainImages} training and {settings.EvalImages} evaluation images, but {settings.DataDirectory} has {mnist.Train.Count} and {mnist.Test.Count}.";
            mnist.Dispose();
            throw new UsageException(message);
        }
        return mnist;
    }

    /// <summary>Views of the first images; they live as long as <paramref name="mnist"/>.</summary>
    public static Workload From(MnistDataset mnist, WorkerSettings settings) => new(
        mnist.Train.Images.narrow(0, 0, settings.TrainImages), mnist.Train.Labels.narrow(0, 0, settings.TrainImages),
        mnist.Test.Images.narrow(0, 0, settings.EvalImages), mnist.Test.Labels.narrow(0, 0, settings.EvalImages));
}
