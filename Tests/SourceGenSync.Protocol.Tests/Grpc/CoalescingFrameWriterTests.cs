using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using SourceGenSync.Grpc;

namespace SourceGenSync.Protocol.Tests.Grpc;

public sealed class CoalescingFrameWriterTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Frames_queued_together_go_out_with_one_flush()
    {
        var writer = new CoalescingFrameWriter(capacity: 1000);
        var written = new List<byte[]>();
        var flushes = 0;
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 500; i++)
        {
            await writer.EnqueueAsync([(byte)i], CancellationToken.None);
        }

        var pump = writer.PumpAsync((f, _) => { written.Add(f); return ValueTask.CompletedTask; }, _ => { flushes++; flushed.TrySetResult(); return ValueTask.CompletedTask; }, CancellationToken.None);
        await flushed.Task.WaitAsync(Generous);
        writer.Complete();
        await pump.WaitAsync(Generous);

        Assert.Equal(500, written.Count);
        Assert.Equal(1, flushes);
        Assert.Equal(42, written[42][0]);
    }

    [Fact]
    public async Task The_last_batch_after_Complete_is_left_to_the_end_of_stream_flush()
    {
        var writer = new CoalescingFrameWriter(capacity: 10);
        var written = 0;
        var flushes = 0;
        await writer.EnqueueAsync([1], CancellationToken.None);
        writer.Complete();

        await writer.PumpAsync((_, _) => { written++; return ValueTask.CompletedTask; }, _ => { flushes++; return ValueTask.CompletedTask; }, CancellationToken.None).WaitAsync(Generous);

        Assert.Equal(1, written);
        Assert.Equal(0, flushes);
    }

    [Fact]
    public async Task A_lone_frame_is_flushed_without_waiting_for_more()
    {
        var writer = new CoalescingFrameWriter(capacity: 8);
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = writer.PumpAsync((_, _) => ValueTask.CompletedTask, _ => { flushed.TrySetResult(); return ValueTask.CompletedTask; }, CancellationToken.None);

        await writer.EnqueueAsync([1], CancellationToken.None);

        await flushed.Task.WaitAsync(Generous);
        writer.Complete();
        await pump.WaitAsync(Generous);
    }

    [Fact]
    public async Task A_large_backlog_is_flushed_in_batches_bounded_by_the_threshold()
    {
        var writer = new CoalescingFrameWriter(capacity: 100);
        var flushes = 0;
        var allFlushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 100; i++)
        {
            await writer.EnqueueAsync(new byte[4096], CancellationToken.None);
        }

        var pump = writer.PumpAsync((_, _) => ValueTask.CompletedTask, _ =>
        {
            if (++flushes == 7)
            {
                allFlushed.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        await allFlushed.Task.WaitAsync(Generous);
        writer.Complete();
        await pump.WaitAsync(Generous);

        // 64 KiB = 16 frames per batch: 6 full batches, then the last 4 frames when the queue runs empty.
        Assert.Equal(7, flushes);
    }

    [Fact]
    public async Task The_queue_is_bounded_so_a_fast_producer_waits_for_the_network()
    {
        var writer = new CoalescingFrameWriter(capacity: 2);
        await writer.EnqueueAsync([1], CancellationToken.None);
        await writer.EnqueueAsync([2], CancellationToken.None);

        var third = writer.EnqueueAsync([3], CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);

        var pump = writer.PumpAsync((_, _) => ValueTask.CompletedTask, _ => ValueTask.CompletedTask, CancellationToken.None);
        await third.WaitAsync(Generous);
        writer.Complete();
        await pump.WaitAsync(Generous);
    }

    [Fact]
    public async Task A_transport_failure_stops_the_pump_and_fails_later_writes_with_the_cause()
    {
        var writer = new CoalescingFrameWriter(capacity: 8);
        var failure = new IOException("connection reset");
        var pump = writer.PumpAsync((_, _) => throw failure, _ => ValueTask.CompletedTask, CancellationToken.None);

        await writer.EnqueueAsync([1], CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(() => pump.WaitAsync(Generous));
        var error = await Assert.ThrowsAsync<ChannelClosedException>(() => writer.EnqueueAsync([2], CancellationToken.None).AsTask());

        Assert.Same(failure, writer.Fault);
        Assert.Same(failure, error.GetBaseException());
        Assert.True(writer.IsCompleted);
    }
}
