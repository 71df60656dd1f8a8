using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Dsl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Dsl.Bench.Training;

/// <summary>
/// The bf16 experiment (<c>--variants dsl-bf16</c>): the model computes in bfloat16 (oneDNN uses AVX-512 BF16 on CPUs
/// that have it), while Adam updates float32 master copies of the weights, which are copied back after each step. The
/// loss is computed from float32 logits. TorchSharp 0.107 has no autocast, and <see cref="Trainer"/> does not change a
/// model's dtype under its optimizer, so this is a loop of its own: the same shuffling, dropout seeding, Adam settings
/// and evaluation as the trainer's. Its accuracy is reported beside float32's in the benchmark's table.
/// </summary>
internal static class BFloat16Loop
{
    public static (double Warmup, List<EpochMeasurement> Epochs) Run(ModelInfo info, TrainerOptions options, Workload data, int warmupSteps)
    {
        double warmup = 0;
        if (warmupSteps > 0)
        {
            var clock = Stopwatch.StartNew();
            Trainer.Seed(options.Seed + 1);
            using var scratch = new Session(info, options);
            long n = Math.Min(data.TrainX.shape[0], (long)warmupSteps * options.BatchSize);
            long m = Math.Min(data.EvalX.shape[0], options.EffectiveEvaluationBatchSize);
            using (var x = data.TrainX.narrow(0, 0, n))
            using (var y = data.TrainY.narrow(0, 0, n))
                scratch.TrainEpoch(x, y, 1);
            using (var x = data.EvalX.narrow(0, 0, m))
            using (var y = data.EvalY.narrow(0, 0, m))
                scratch.Evaluate(x, y);
            warmup = clock.Elapsed.TotalSeconds;
        }

        Trainer.Seed(options.Seed);
        using var session = new Session(info, options);
        var epochs = new List<EpochMeasurement>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var (loss, accuracy) = session.TrainEpoch(data.TrainX, data.TrainY, epoch);
            double train = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var (evalLoss, evalAccuracy) = session.Evaluate(data.EvalX, data.EvalY);
            epochs.Add(new EpochMeasurement(epoch, train, clock.Elapsed.TotalSeconds, loss, accuracy, evalLoss, evalAccuracy));
        }
        return (warmup, epochs);
    }

    private sealed class Session : IDisposable
    {
        private readonly nn.Module _model;
        private readonly IGeneratedModel _generated;
        private readonly Parameter[] _masters;
        private readonly Tensor[] _working;
        private readonly KerasOptimizer _optimizer;
        private readonly TrainerOptions _options;

        public Session(ModelInfo info, TrainerOptions options)
        {
            _options = options;
            _model = info.Create();
            _generated = (IGeneratedModel)_model;
            // The float32 masters are copies taken before the model turns to bf16 (Keras's initial weights, exactly).
            _masters = _model.parameters().Select(p => new Parameter(p.detach().clone(), requires_grad: true)).ToArray();
            _model.to(ScalarType.BFloat16);
            _working = _model.parameters().ToArray<Tensor>();
            if (_working.Length != _masters.Length || _working.Any(w => w.dtype != ScalarType.BFloat16))
                throw new InvalidOperationException($"{info.Name}: converting the model to bfloat16 did not give one bf16 tensor per parameter.");
            _optimizer = options.Optimizer.Create(_masters);
        }

        public (double Loss, double Accuracy) TrainEpoch(Tensor x, Tensor y, int epoch)
        {
            _model.train();
            torch.manual_seed(TrainingSeeds.Dropout(_options.Seed, epoch));
            long samples = x.shape[0];
            double lossSum = 0;
            long correct = 0;
            using var epochScope = torch.NewDisposeScope();
            Tensor order;
            using (var generator = new torch.Generator(TrainingSeeds.Shuffle(_options.Seed, epoch)))
                order = torch.randperm(samples, generator: generator);
            for (long start = 0; start < samples; start += _options.BatchSize)
            {
                using var batchScope = torch.NewDisposeScope();
                long count = Math.Min(_options.BatchSize, samples - start);
                var indices = order.narrow(0, start, count);
                var inputs = Layout(x.index_select(0, indices).to_type(ScalarType.BFloat16));
                var labels = y.index_select(0, indices);

                _optimizer.ZeroGrad();
                _model.zero_grad();
                var logits = _generated.RunLogits(inputs)[0].to_type(ScalarType.Float32);
                var loss = F.cross_entropy(logits, labels);
                loss.backward();
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                    throw new InvalidOperationException($"bf16 training diverged at epoch {epoch} (loss {value}).");
                for (int i = 0; i < _masters.Length; i++)
                    _masters[i].grad = _working[i].grad!.to_type(ScalarType.Float32);
                _optimizer.Step();
                using (torch.no_grad())
                {
                    for (int i = 0; i < _masters.Length; i++)
                        _working[i].copy_(_masters[i]);
                }

                correct += logits.argmax(1).eq(labels).sum().item<long>();
                lossSum += value * count;
            }
            return (lossSum / samples, (double)correct / samples);
        }

        /// <summary>
        /// The trainer's channels-last batches, laid out after the conversion (a one-channel float32 batch's NHWC view
        /// converts to plain NCHW, after which every bf16 layer ran channels-first, max pooling in libtorch's slow
        /// channels-first bf16 kernel).
        /// </summary>
        private Tensor Layout(Tensor batch) =>
            _options.ChannelsLast == ChannelsLastMode.TrainingAndEvaluation && batch.dim() == 4 ? MemoryLayout.ChannelsLast(batch) : batch;

        public (double Loss, double Accuracy) Evaluate(Tensor x, Tensor y)
        {
            _model.eval();
            using var inference = torch.inference_mode();
            using var scope = torch.NewDisposeScope();
            long samples = x.shape[0];
            int batch = _options.EffectiveEvaluationBatchSize;
            var lossTotal = torch.zeros(1, ScalarType.Float64);
            var hits = torch.zeros(1, ScalarType.Int64);
            for (long start = 0; start < samples; start += batch)
            {
                using var batchScope = torch.NewDisposeScope();
                long count = Math.Min(batch, samples - start);
                var logits = _generated.RunLogits(Layout(x.narrow(0, start, count).to_type(ScalarType.BFloat16)))[0].to_type(ScalarType.Float32);
                var labels = y.narrow(0, start, count);
                lossTotal.add_(F.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).to_type(ScalarType.Float64));
                hits.add_(logits.argmax(1).eq(labels).sum());
            }
            return (lossTotal.item<double>() / samples, (double)hits.item<long>() / samples);
        }

        public void Dispose()
        {
            _optimizer.Dispose();
            _model.Dispose();
            foreach (var master in _masters)
                master.Dispose();
        }
    }
}
