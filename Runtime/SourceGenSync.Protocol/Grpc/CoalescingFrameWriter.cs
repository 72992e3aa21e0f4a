using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace SourceGenSync.Grpc;

/// <summary>Queues serialized frames and writes them from one pump that flushes only when the queue is empty
/// (or a batch grew past <see cref="FlushThreshold"/>): flushing after every message is 5–10x slower, and
/// flushing when idle keeps a lone message's latency unchanged. The queue is bounded, so a fast producer waits
/// for the network (back-pressure). Shared by our client (request stream) and server (response stream).</summary>
internal sealed class CoalescingFrameWriter
{
    public const int FlushThreshold = 64 * 1024;

    private readonly Channel<byte[]> _queue;
    private Exception? _fault;

    public CoalescingFrameWriter(int capacity)
    {
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Math.Max(1, capacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Why the pump stopped early (the transport failed), if it did.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Whether frames are waiting for the pump.</summary>
    public bool HasPending => _queue.Reader.Count > 0;

    /// <summary>Whether <see cref="Complete"/> was called (or the pump failed).</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Waits for room in the queue, then queues the frame. Throws <see cref="ChannelClosedException"/>
    /// once the writer is completed or failed (its inner exception is the transport failure).</summary>
    public ValueTask EnqueueAsync(byte[] frame, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(frame, cancellationToken);

    /// <summary>Queues the frame if there is room right now; false when full, completed or failed.</summary>
    public bool TryEnqueue(byte[] frame) => _queue.Writer.TryWrite(frame);

    /// <summary>No more frames: the pump writes what is queued, flushes and ends.</summary>
    public void Complete()
    {
        IsCompleted = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>Runs until <see cref="Complete"/> or a write fails (rethrown). The last batch after
    /// <see cref="Complete"/> is written but not flushed: the caller ends the stream next, which flushes.</summary>
    public async Task PumpAsync(Func<byte[], CancellationToken, ValueTask> write, Func<CancellationToken, ValueTask> flush, CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var unflushed = 0;
                while (reader.TryRead(out var frame))
                {
                    await write(frame, cancellationToken).ConfigureAwait(false);
                    unflushed += frame.Length;
                    if (unflushed >= FlushThreshold)
                    {
                        await flush(cancellationToken).ConfigureAwait(false);
                        unflushed = 0;
                    }
                }

                // After Complete() the transport's own end-of-stream (END_STREAM, trailers) flushes what is
                // buffered: skipping this flush lets a unary message and its end travel in one packet.
                if (unflushed > 0 && !reader.Completion.IsCompleted)
                {
                    await flush(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _fault, ex);
            IsCompleted = true;
            // Wrapped: a channel completed with an OperationCanceledException would hand waiting writers that
            // exception as is, and they would mistake it for their own cancellation.
            _queue.Writer.TryComplete(new ChannelClosedException(ex));
            throw;
        }
    }
}
