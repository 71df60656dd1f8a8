using System.Linq;
using Dsl.Runtime.Tests.Data;
using Dsl.Runtime.Tests.Fixtures;
using Dsl.Runtime.Tests.Training;
using Dsl.Training;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Onnx;

/// <summary>A model trained in C#, exported and run in ONNX Runtime, predicts what it predicted in TorchSharp.</summary>
[Collection(TrainingCollection.Name)]
public sealed class TrainedModelExportTests
{
    public static TheoryData<string> TrainedModels => new() { nameof(Models.SeedModel1), nameof(Models.BatchNormDigits) };

    [Theory]
    [MemberData(nameof(TrainedModels))]
    public void A_model_trained_on_the_fixture_gives_the_same_predictions_in_Onnx_Runtime(string name)
    {
        using var train = MnistFixture.LoadTrain();
        using var test = MnistFixture.LoadTest();
        Trainer.Seed(3);
        using var model = ModelCatalog.Get(name).Create();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 3, batchSize: 64, seed: 3));
        var history = trainer.Fit(train.Images, train.Labels);
        var predictions = trainer.Predict(test.Images);
        var score = trainer.Evaluate(test.Images, test.Labels);

        using var folder = new TempDirectory();
        string path = folder.File(name + ".onnx");
        Assert.IsAssignableFrom<IGeneratedModel>(model).ExportOnnx(path);
        using var session = OnnxRuntimeRunner.Load(System.IO.File.ReadAllBytes(path));
        var (probabilities, shape) = OnnxRuntimeRunner.Run(session, test.Images);

        Assert.Equal(new long[] { MnistFixture.TestCount, 10 }, shape);
        OnnxRuntimeRunner.AssertClose(name, OnnxRuntimeRunner.Torch(model, test.Images), probabilities);
        var classes = Enumerable.Range(0, MnistFixture.TestCount)
            .Select(i => Enumerable.Range(0, 10).MaxBy(c => probabilities[(i * 10) + c]))
            .ToArray();
        Assert.Equal(predictions.Classes, classes);
        var labels = test.Labels.data<long>().ToArray();
        double accuracy = classes.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;
        Assert.Equal(score.Accuracy!.Value, accuracy, 6);
        Assert.True(accuracy > 0.2, $"{name} learned nothing in a few steps: accuracy {accuracy}, training {string.Join(", ", history.Accuracy)}");
    }
}
