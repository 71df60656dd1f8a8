using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Dsl.Runtime.Tests.Training;
using Dsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dsl.Runtime.Tests.Objectives;

/// <summary>compile/fit for tasks other than classification: regression, binary, several outputs, weights, streams.</summary>
[Collection(TrainingCollection.Name)]
public sealed class TaskTrainingTests
{
    [Fact]
    public void A_regression_learns_a_line_and_logs_Keras_metric_names()
    {
        Trainer.Seed(1);
        using var model = new LinearRegression();
        using var x = linspace(-1, 1, 256).reshape(-1, 1);
        using var y = 2 * x + 1;
        var options = TestOptions.Create(epochs: 60, batchSize: 32, optimizer: OptimizerSettings.Adam(0.05)) with
        {
            Loss = Loss.MeanSquaredError(),
            Metrics = new[] { Metric.FromName("mae"), Metric.RootMeanSquaredError() },
        };
        using var trainer = new Trainer(model, options);

        var history = trainer.Fit(x, y, x, y);

        Assert.Equal(new[] { "loss", "mae", "root_mean_squared_error", "val_loss", "val_mae", "val_root_mean_squared_error", "learning_rate" },
            history.Last!.Logs.Keys.Append("learning_rate"));
        Assert.True(history.Last!.Loss < 1e-3, $"MSE after training: {history.Last.Loss}");
        var evaluation = trainer.Evaluate(x, y);
        Assert.Equal(Math.Sqrt(evaluation.Loss), evaluation.Get("root_mean_squared_error")!.Value, tolerance: 1e-4);
        Assert.Null(evaluation.Accuracy);
        var predicted = trainer.PredictOutputs(x)[0];
        using (predicted)
            Assert.Equal(new long[] { 256, 1 }, predicted.shape);
    }

    [Fact]
    public void A_sigmoid_classifier_trains_with_binary_cross_entropy_and_accuracy_resolves_to_binary_accuracy()
    {
        Trainer.Seed(2);
        using var model = new LogisticRegression();
        using var generator = new Generator(5);
        using var x = randn(new long[] { 400, 2 }, generator: generator);
        using var y = (x[.., 0] + x[.., 1]).gt(0).to_type(ScalarType.Float32).reshape(-1, 1);
        var options = TestOptions.Create(epochs: 20, batchSize: 40, optimizer: OptimizerSettings.Adam(0.05)) with
        {
            Loss = Loss.BinaryCrossentropy(),
            Metrics = new[] { Metric.Accuracy(), Metric.Auc(), Metric.Precision(), Metric.Recall() },
        };
        using var trainer = new Trainer(model, options);

        var history = trainer.Fit(x, y);

        Assert.True(history.Last!.Accuracy > 0.95, $"binary accuracy {history.Last.Accuracy}");
        Assert.True(history.Last.Get("auc") > 0.98, $"auc {history.Last.Get("auc")}");
        // The evaluated accuracy is binary accuracy at 0.5, counted by hand from the predictions.
        var evaluation = trainer.Evaluate(x, y);
        using var p = trainer.PredictOutputs(x)[0];
        double hits = p.gt(0.5).eq(y.gt(0.5)).to_type(ScalarType.Float64).mean().item<double>();
        Assert.Equal(hits, evaluation.Accuracy!.Value, tolerance: 1e-9);
    }

    [Fact]
    public void A_softmax_per_step_is_predicted_and_handed_to_metrics_as_forward_computes_it()
    {
        // Keras's addition example: Dense(12, softmax) on (N, 4, 128) is a softmax over the 12 characters of each of
        // the 4 steps. Predictions and the values custom metrics see are that softmax, not one over the steps.
        Trainer.Seed(3);
        using var scope = NewDisposeScope();
        using var model = new Models.SeedAdditionRnn();
        using var generator = new Generator(11);
        var x = randn(new long[] { 6, 7, 12 }, generator: generator);
        var y = nn.functional.one_hot(randint(12, new long[] { 6, 4 }, generator: generator), 12).to_type(ScalarType.Float32);
        Tensor? seen = null;
        var options = TestOptions.Create(epochs: 1, batchSize: 6, optimizer: OptimizerSettings.Adam()) with
        {
            Loss = Loss.CategoricalCrossentropy(),
            Metrics = new[] { Metric.Mean("step_sums", (_, values) => (seen = values.sum(-1).detach().clone().MoveToOuterDisposeScope()), higherIsBetter: true) },
        };
        using var trainer = new Trainer(model, options);

        trainer.Evaluate(x, y);
        var predicted = trainer.PredictOutputs(x)[0];

        model.eval();
        using (no_grad())
        {
            var forward = ((IGeneratedModel)model).Run(new[] { x })[0];
            Assert.Equal(new long[] { 6, 4, 12 }, predicted.shape);
            Assert.True(predicted.allclose(forward, rtol: 1e-5, atol: 1e-6), "PredictOutputs differs from forward");
        }
        Assert.True(predicted.sum(-1).allclose(ones(6, 4), rtol: 1e-5, atol: 1e-5), "each step's probabilities sum to 1");
        Assert.NotNull(seen);
        Assert.True(seen.allclose(ones(6, 4), rtol: 1e-5, atol: 1e-5), "the metric saw each step's probabilities");
    }

    [Fact]
    public void Sample_and_class_weights_scale_each_samples_loss_as_Keras_does()
    {
        Trainer.Seed(3);
        using var model = new SoftmaxHead();
        using var x = tensor(new float[,] { { 1, 2, 3 }, { 0, 0, 0 }, { -1, 0.5f, 2 } });
        using var y = tensor(new long[] { 2, 1, 0 });
        using var w = tensor(new float[] { 1, 0, 2 });
        using var plain = new Trainer(model, TestOptions.Create());
        using var logits = model.ForwardLogits(x);
        var perSample = (-logits.log_softmax(1).gather(1, y.unsqueeze(1)).squeeze(1)).to_type(ScalarType.Float64).data<double>().ToArray();

        var weighted = plain.Evaluate(TrainingData.FromTensors(x, y, w));
        Assert.Equal((perSample[0] * 1 + perSample[2] * 2) / 3, weighted.Loss, tolerance: 1e-5);

        using var classWeighted = new Trainer(model, TestOptions.Create() with { ClassWeight = new Dictionary<int, double> { [0] = 3, [2] = 0.5 } });
        var byClass = classWeighted.Evaluate(x, y);
        Assert.Equal((perSample[0] * 0.5 + perSample[1] * 1 + perSample[2] * 3) / 3, byClass.Loss, tolerance: 1e-5);
        // Metrics are not weighted (Keras's metrics, as opposed to weighted_metrics).
        Assert.Equal(plain.Evaluate(x, y).Accuracy, byClass.Accuracy);
    }

    [Fact]
    public void Several_outputs_get_a_loss_each_weighted_into_the_total_and_metrics_named_after_the_output()
    {
        Trainer.Seed(4);
        using var model = new TwoHeads();
        using var generator = new Generator(9);
        using var x = randn(new long[] { 64, 2 }, generator: generator);
        using var side = x[.., 0].gt(0).to_type(ScalarType.Int64);
        using var distance = x.norm(1, keepdim: true);
        var options = TestOptions.Create(epochs: 2, batchSize: 16) with
        {
            OutputLosses = new Dictionary<string, Loss> { ["side"] = Loss.SparseCategoricalCrossentropy(), ["distance"] = Loss.MeanSquaredError() },
            LossWeights = new Dictionary<string, double> { ["distance"] = 0.5 },
            OutputMetrics = new Dictionary<string, IReadOnlyList<Metric>> { ["side"] = new[] { Metric.Accuracy() }, ["distance"] = new[] { Metric.FromName("mae") } },
        };
        using var trainer = new Trainer(model, options);
        var data = TrainingData.FromTensors(new[] { x }, new[] { side, distance });

        var history = trainer.Fit(data, data);

        Assert.Equal(new[] { "loss", "side_loss", "distance_loss", "side_accuracy", "distance_mae" }, trainer.MetricNames);
        Assert.Contains("val_distance_mae", history.Last!.Logs.Keys);
        var evaluation = trainer.Evaluate(data);
        Assert.Equal(evaluation.Get("side_loss")!.Value + 0.5 * evaluation.Get("distance_loss")!.Value, evaluation.Loss, tolerance: 1e-5);
        Assert.Equal(history.Last.Get("val_loss")!.Value, evaluation.Loss, tolerance: 1e-5);
    }

    [Fact]
    public void A_model_with_several_outputs_and_no_loss_is_refused_with_the_options_to_set()
    {
        using var model = new TwoHeads();
        var error = Assert.Throws<ArgumentException>(() => new Trainer(model, TestOptions.Create()));
        Assert.Contains("OutputLosses", error.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => new Trainer(model, TestOptions.Create() with
        {
            Loss = Loss.MeanSquaredError(),
            LossWeights = new Dictionary<string, double> { ["distnce"] = 1 },
        }));
        Assert.Contains("side, distance", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_trains_exactly_as_the_same_tensors_in_memory()
    {
        using var data = Fixtures.MnistFixture.LoadTrain();
        using var images = data.Images.narrow(0, 0, 200);
        using var labels = data.Labels.narrow(0, 0, 200);
        var options = TestOptions.Create(epochs: 2, batchSize: 32, seed: 5);

        History Train(TrainingData train)
        {
            Trainer.Seed(6);
            using var model = new SmallDropoutNet();
            using var trainer = new Trainer(model, options);
            return trainer.Fit(train, train);
        }

        var inMemory = Train(TrainingData.FromTensors(Crop(images), labels));
        using var dataset = new TensorPairs(Crop(images), labels);
        var streamed = Train(TrainingData.FromDataset(dataset, new[] { "image" }, new[] { "label" }));

        Assert.Equal(inMemory.Epochs.Select(e => e.Logs.ToArray()), streamed.Epochs.Select(e => e.Logs.ToArray()));
    }

    [Fact]
    public void A_stream_of_batches_trains_with_the_epoch_number_and_reports_its_total()
    {
        Trainer.Seed(7);
        using var model = new LinearRegression();
        var epochsSeen = new List<int>();
        async IAsyncEnumerable<DataBatch> Batches(int epoch, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
        {
            epochsSeen.Add(epoch);
            for (int i = 0; i < 4; i++)
            {
                await System.Threading.Tasks.Task.Yield();
                var x = linspace(-1, 1, 16).reshape(-1, 1);
                yield return new DataBatch(new[] { x }, new[] { 3 * x });
            }
        }
        var progress = new RecordingProgress();
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 2) with { Loss = Loss.MeanSquaredError() });

        var history = trainer.Fit(TrainingData.FromBatches(Batches, samples: 64), progress: progress);

        Assert.Equal(new[] { 1, 2 }, epochsSeen);
        Assert.Equal(2, history.Count);
        Assert.Equal(64, progress.Batches[^1].Plan.Samples);
        Assert.Equal(64, progress.Batches[^1].SamplesDone);
    }

    [Fact]
    public void An_error_in_a_stream_reaches_fit_and_names_the_cause()
    {
        using var model = new LinearRegression();
        async IAsyncEnumerable<DataBatch> Broken(int epoch, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
        {
            await System.Threading.Tasks.Task.Yield();
            var x = zeros(4, 1);
            yield return new DataBatch(new[] { x }, new[] { x.clone() });
            throw new System.IO.InvalidDataException("record 5 of part-0001.csv is damaged");
        }
        using var trainer = new Trainer(model, TestOptions.Create() with { Loss = Loss.MeanSquaredError() });
        var error = Assert.Throws<System.IO.InvalidDataException>(() => trainer.Fit(TrainingData.FromBatches(Broken)));
        Assert.Contains("part-0001.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Callbacks_monitor_any_metric_in_its_direction()
    {
        Trainer.Seed(8);
        using var model = new LinearRegression();
        using var x = linspace(-1, 1, 64).reshape(-1, 1);
        using var y = 2 * x;
        var stopping = new EarlyStopping(monitor: "val_mae", patience: 0);
        var custom = new EarlyStopping(monitor: "val_closeness", patience: 100);
        using var trainer = new Trainer(model, TestOptions.Create(epochs: 5) with
        {
            Loss = Loss.MeanSquaredError(),
            Metrics = new[] { Metric.FromName("mae"), Metric.Mean("closeness", (t, p) => -(t - p).abs(), higherIsBetter: true) },
        });
        trainer.Callbacks.Add(stopping);
        trainer.Callbacks.Add(custom);

        trainer.Fit(x, y, x, y);

        // mae falls while the model learns: lower is better, so the best is the last value seen.
        Assert.Equal(trainer.History.Metric("val_mae").Min(), stopping.Best);
        Assert.Equal(trainer.History.Metric("val_closeness").Max(), custom.Best);
    }

    private static Tensor Crop(Tensor images) => images.narrow(2, 8, 12).narrow(3, 8, 12).contiguous();

    /// <summary>A map-style dataset over two tensors, as a user writes one.</summary>
    private sealed class TensorPairs(Tensor images, Tensor labels) : utils.data.Dataset
    {
        public override long Count => images.shape[0];

        public override Dictionary<string, Tensor> GetTensor(long index) =>
            new() { ["image"] = images[index].clone(), ["label"] = labels[index].clone() };
    }
}

