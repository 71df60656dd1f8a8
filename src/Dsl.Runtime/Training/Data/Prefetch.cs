using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Dsl.Training;

/// <summary>
/// Runs a pass's batch source on a background thread, a few batches ahead of the training step, so that reading and
/// collating the next batch overlaps the current step. An error in the source is rethrown on the consumer's thread.
/// </summary>
internal static class Prefetch
{
    /// <summary>The batches of <paramref name="source"/>, produced up to <paramref name="depth"/> ahead.</summary>
    public static IEnumerable<DataBatch> Ahead(IEnumerable<DataBatch> source, int depth, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<DataBatch>(depth);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                foreach (var batch in source)
                {
                    try
                    {
                        queue.Add(batch, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        batch.Dispose();
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception error)
            {
                failure = error;
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "Dsl.Training data loader" };
        thread.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
                yield return batch;
            thread.Join();
            if (failure is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            // The consumer stopped early (an error, a cancellation, a callback's stop): end the producer, free what it made.
            stop.Cancel();
            thread.Join();
            while (queue.TryTake(out var left))
                left.Dispose();
        }
    }
}
