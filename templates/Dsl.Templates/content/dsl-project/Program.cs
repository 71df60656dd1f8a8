using System;
using Dsl.Data;
using Dsl.Training;

namespace DslModel;

public static class Program
{
    public static void Main()
    {
        Console.WriteLine(DslModel.Summary);
        using var mnist = Mnist.Load();          // downloads and caches MNIST on first use
        Trainer.Seed(42);
        using var model = new DslModel();
        using var trainer = new Trainer(model, new TrainerOptions { Epochs = 1, BatchSize = 128 });
        trainer.Fit(mnist.Train.Images, mnist.Train.Labels, mnist.Test.Images, mnist.Test.Labels, ConsoleProgress.Create());
        var test = trainer.Evaluate(mnist.Test.Images, mnist.Test.Labels);
        Console.WriteLine($"Test accuracy: {test.Accuracy:0.0000}");
        model.ExportOnnx("DslModel.onnx");
    }
}
