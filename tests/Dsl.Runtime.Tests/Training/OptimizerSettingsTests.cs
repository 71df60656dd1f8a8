using System;
using System.Text.Json;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Training;

/// <summary>The settings records: Keras's defaults and names, validation with Keras's defaults quoted, JSON.</summary>
public sealed class OptimizerSettingsTests
{
    [Fact]
    public void The_factories_give_Kerass_defaults_and_class_names()
    {
        var sgd = OptimizerSettings.Sgd();
        var adam = OptimizerSettings.Adam();
        var adamW = OptimizerSettings.AdamW();
        var rmsProp = OptimizerSettings.RmsProp();
        var adagrad = OptimizerSettings.Adagrad();
        var nadam = OptimizerSettings.Nadam();

        Assert.Equal(("SGD", 0.01, 0.0, false), (sgd.Name, sgd.LearningRate, sgd.Momentum, sgd.Nesterov));
        Assert.Equal(("Adam", 1e-3, 0.9, 0.999, 1e-7, false), (adam.Name, adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.Amsgrad));
        Assert.Equal(("AdamW", 1e-3, 0.004, 0.9, 0.999, 1e-7, false), (adamW.Name, adamW.LearningRate, adamW.WeightDecay, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.Amsgrad));
        Assert.Equal(("RMSprop", 1e-3, 0.9, 0.0, 1e-7, false), (rmsProp.Name, rmsProp.LearningRate, rmsProp.Rho, rmsProp.Momentum, rmsProp.Epsilon, rmsProp.Centered));
        Assert.Equal(("Adagrad", 1e-3, 0.1, 1e-7), (adagrad.Name, adagrad.LearningRate, adagrad.InitialAccumulatorValue, adagrad.Epsilon));
        Assert.Equal(("Nadam", 1e-3, 0.9, 0.999, 1e-7), (nadam.Name, nadam.LearningRate, nadam.Beta1, nadam.Beta2, nadam.Epsilon));
        foreach (OptimizerSettings settings in new OptimizerSettings[] { sgd, adam, rmsProp, adagrad, nadam })
        {
            Assert.Equal((null, null, null, null, null), (settings.WeightDecay, settings.ClipNorm, settings.ClipValue, settings.GlobalClipNorm, settings.Schedule));
            settings.Validate();
        }
        adamW.Validate();
        Assert.Equal(0.004, new AdamWSettings().WeightDecay);
    }

    [Theory]
    [InlineData("sgd-momentum", "SGD's Momentum must be in [0, 1); 0 is plain SGD (Keras's default)")]
    [InlineData("adam-beta1", "Adam's Beta1 must be in [0, 1) (Keras's default is 0.9)")]
    [InlineData("adam-beta2", "Adam's Beta2 must be in [0, 1) (Keras's default is 0.999)")]
    [InlineData("adam-epsilon", "Adam's Epsilon must be a positive, finite number (Keras's default is 1e-7)")]
    [InlineData("adamw-beta1", "AdamW's Beta1 must be in [0, 1) (Keras's default is 0.9)")]
    [InlineData("adamw-epsilon", "AdamW's Epsilon must be a positive, finite number (Keras's default is 1e-7)")]
    [InlineData("adamw-decay", "AdamW's WeightDecay must be null (no weight decay, Keras's default except AdamW's 0.004) or a finite number of at least 0")]
    [InlineData("rmsprop-rho", "RMSprop's Rho must be in [0, 1) (Keras's default is 0.9)")]
    [InlineData("rmsprop-momentum", "RMSprop's Momentum must be in [0, 1) (Keras's default is 0, no momentum)")]
    [InlineData("rmsprop-epsilon", "RMSprop's Epsilon must be a positive, finite number (Keras's default is 1e-7)")]
    [InlineData("adagrad-initial", "Adagrad's InitialAccumulatorValue must be a finite number of at least 0 (Keras's default is 0.1)")]
    [InlineData("adagrad-epsilon", "Adagrad's Epsilon must be a positive, finite number (Keras's default is 1e-7)")]
    [InlineData("nadam-beta2", "Nadam's Beta2 must be in [0, 1) (Keras's default is 0.999)")]
    [InlineData("nadam-epsilon", "Nadam's Epsilon must be a positive, finite number (Keras's default is 1e-7)")]
    [InlineData("nadam-rate", "Nadam's LearningRate must be a positive, finite number (Keras's default for Nadam is 0.001)")]
    [InlineData("sgd-rate", "SGD's LearningRate must be a positive, finite number (Keras's default for SGD is 0.01)")]
    [InlineData("decay", "Adam's WeightDecay must be null (no weight decay, Keras's default) or a finite number of at least 0")]
    [InlineData("clipnorm", "Adagrad's ClipNorm must be null (no clipping, Keras's default) or a positive, finite number")]
    [InlineData("clipvalue", "SGD's ClipValue must be null (no clipping, Keras's default) or a positive, finite number")]
    [InlineData("global", "Nadam's GlobalClipNorm must be null (no clipping, Keras's default) or a positive, finite number")]
    public void Out_of_range_values_are_refused_quoting_Kerass_default(string which, string message)
    {
        OptimizerSettings settings = which switch
        {
            "sgd-momentum" => OptimizerSettings.Sgd(momentum: -0.1),
            "adam-beta1" => OptimizerSettings.Adam(beta1: 1),
            "adam-beta2" => OptimizerSettings.Adam(beta2: double.NaN),
            "adam-epsilon" => OptimizerSettings.Adam(epsilon: -1e-7),
            "adamw-beta1" => OptimizerSettings.AdamW(beta1: -0.5),
            "adamw-epsilon" => OptimizerSettings.AdamW(epsilon: double.PositiveInfinity),
            "adamw-decay" => OptimizerSettings.AdamW(weightDecay: -0.004),
            "rmsprop-rho" => OptimizerSettings.RmsProp(rho: 1),
            "rmsprop-momentum" => OptimizerSettings.RmsProp(momentum: 1.5),
            "rmsprop-epsilon" => OptimizerSettings.RmsProp(epsilon: 0),
            "adagrad-initial" => OptimizerSettings.Adagrad(initialAccumulatorValue: -0.1),
            "adagrad-epsilon" => OptimizerSettings.Adagrad(epsilon: 0),
            "nadam-beta2" => OptimizerSettings.Nadam(beta2: 1.01),
            "nadam-epsilon" => OptimizerSettings.Nadam(epsilon: double.NaN),
            "nadam-rate" => OptimizerSettings.Nadam(learningRate: 0),
            "sgd-rate" => OptimizerSettings.Sgd(learningRate: double.NegativeInfinity),
            "decay" => OptimizerSettings.Adam() with { WeightDecay = double.NaN },
            "clipnorm" => OptimizerSettings.Adagrad() with { ClipNorm = 0 },
            "clipvalue" => OptimizerSettings.Sgd() with { ClipValue = -1 },
            _ => OptimizerSettings.Nadam() with { GlobalClipNorm = double.PositiveInfinity },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { Optimizer = settings }.Validate());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, 0.5, null, "ClipNorm = 1, ClipValue = 0.5, GlobalClipNorm = null")]
    [InlineData(null, 0.5, 2.0, "ClipNorm = null, ClipValue = 0.5, GlobalClipNorm = 2")]
    [InlineData(1.0, null, 2.0, "ClipNorm = 1, ClipValue = null, GlobalClipNorm = 2")]
    public void More_than_one_clip_is_refused_as_Keras_refuses_it(double? clipNorm, double? clipValue, double? globalClipNorm, string values)
    {
        var settings = OptimizerSettings.Adam() with { ClipNorm = clipNorm, ClipValue = clipValue, GlobalClipNorm = globalClipNorm };

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Contains("Adam: only one of ClipNorm, ClipValue and GlobalClipNorm can be set, as in Keras; got " + values, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_learning_rate_is_not_required_beside_a_schedule_which_replaces_it()
    {
        var scheduled = new AdamSettings { Schedule = new ExponentialDecay(1e-3, 100, 0.9) };

        scheduled.Validate();
        Assert.Throws<ArgumentOutOfRangeException>((scheduled with { Schedule = null }).Validate);
    }

    [Fact]
    public void AdamW_without_a_weight_decay_is_refused_pointing_to_Adam()
    {
        var error = Assert.Throws<ArgumentException>((OptimizerSettings.AdamW() with { WeightDecay = null }).Validate);

        Assert.Contains("AdamW needs a WeightDecay (Keras's default is 0.004); for Adam without weight decay use OptimizerSettings.Adam()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_round_trips_through_json_with_its_kind()
    {
        var schedule = new PiecewiseConstantDecay([100, 200], [0.1, 0.05, 0.01]);
        (OptimizerSettings Settings, string Kind)[] all =
        [
            (OptimizerSettings.Sgd(0.05, momentum: 0.9, nesterov: true) with { ClipValue = 0.5 }, "sgd"),
            (OptimizerSettings.Adam(2e-3, 0.8, 0.99, 1e-6, amsgrad: true) with { WeightDecay = 0.01, Schedule = schedule }, "adam"),
            (OptimizerSettings.AdamW(3e-4, 0.05, amsgrad: true) with { GlobalClipNorm = 1.0, Schedule = new CosineDecay(0, 1000, 0.1, 3e-4, 100) }, "adamw"),
            (OptimizerSettings.RmsProp(1e-2, 0.95, 0.5, 1e-6, centered: true) with { ClipNorm = 2.0 }, "rmsprop"),
            (OptimizerSettings.Adagrad(0.1, 0.2, 1e-5) with { Schedule = new ExponentialDecay(0.1, 10, 0.9) }, "adagrad"),
            (OptimizerSettings.Nadam(2e-3, 0.85, 0.95, 1e-6) with { Schedule = new PolynomialDecay(2e-3, 500, cycle: true) }, "nadam"),
        ];

        foreach (var (settings, kind) in all)
        {
            string json = JsonSerializer.Serialize(settings, TrainingJson.Options);
            var back = JsonSerializer.Deserialize<OptimizerSettings>(json, TrainingJson.Options);

            Assert.Contains($"\"kind\": \"{kind}\"", json, StringComparison.Ordinal);
            Assert.Equal(settings, back);
            Assert.Equal(settings.GetType(), back!.GetType());
        }
    }
}
