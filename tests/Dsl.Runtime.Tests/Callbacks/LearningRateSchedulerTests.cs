using System;
using System.Collections.Generic;
using Dsl.Training;

namespace Dsl.Runtime.Tests.Callbacks;

public class LearningRateSchedulerTests
{
    [Fact]
    public void The_schedule_gets_kerass_zero_based_epoch_index_and_the_current_rate()
    {
        var calls = new List<(int, double)>();
        using var run = new CallbackHarness(new LearningRateScheduler((epoch, lr) =>
        {
            calls.Add((epoch, lr));
            return epoch < 2 ? lr : lr / 2;
        }));

        var history = run.Run([1, 1, 1, 1]);

        Assert.Equal([(0, 0.1), (1, 0.1), (2, 0.1), (3, 0.05)], calls);
        Assert.Equal([0.1, 0.1, 0.05, 0.025], run.LearningRates);
        Assert.Equal([0.1, 0.1, 0.05, 0.025], history.LearningRate);
    }

    [Fact]
    public void A_schedule_of_the_epoch_alone_works_too()
    {
        using var run = new CallbackHarness(new LearningRateScheduler(epoch => 0.01 * (epoch + 1)));
        run.Run([1, 1, 1]);
        Assert.Equal([0.01, 0.02, 0.03], run.LearningRates);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(double.PositiveInfinity)]
    public void A_schedule_returning_an_unusable_rate_fails_clearly(double rate)
    {
        using var run = new CallbackHarness(new LearningRateScheduler(_ => rate));
        var error = Assert.Throws<InvalidOperationException>(() => run.Run([1]));
        Assert.Contains("epoch index 0", error.Message, StringComparison.Ordinal);
    }
}
