using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace SourceGenSync.Grpc;

/// <summary>The message side of a call: reading responses, writing requests, and unary calls on top.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IClientStreamWriter<TRequest>, IAsyncStreamReader<TResponse>
{
    // After a failed write, how long to wait for the response side to bring the call's real status.
    private static readonly TimeSpan WriteFailureStatusWait = TimeSpan.FromSeconds(5);

    private bool _requestCompleted;

    public TResponse Current { get; private set; } = default!;

    public async Task<TResponse> RunUnaryAsync(TRequest request)
    {
        Start();
        if (!IsFinished)
        {
            byte[] frame;
            try
            {
                frame = _method.RequestMarshaller.SerializeFrame(request, _channel.MaxSend);
            }
            catch (RpcException ex)
            {
                Cancel(ex.Status); // too large to send: RESOURCE_EXHAUSTED, nothing goes out
                throw;
            }

            // Queue the one message and half-close without waiting for the pump: if sending fails, the
            // response side (read below) carries the call's real status.
            // (The queue of a new call has room; TryEnqueue fails only if the call already ended.)
            _requestCompleted = true;
            _writer.TryEnqueue(frame);
            _writer.Complete();
        }

        if (!await MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "The server completed a unary call without a response message."));
        }

        var response = Current;
        if (await MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            Cancel(new Status(StatusCode.Internal, "The server sent more than one response message for a unary call."));
            return ThrowForStatus<TResponse>();
        }

        return response;
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (IsFinished && _reader is null)
        {
            return EndOfStream();
        }

        // Cancelling one read cancels the call (as in other gRPC clients): a half-read stream is useless.
        using var registration = cancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(Status.DefaultCancelled), this);
        try
        {
            await _sendTask.ConfigureAwait(false); // never throws
            if (_reader is not { } reader || IsFinished)
            {
                return EndOfStream();
            }

            while (true)
            {
                var result = await reader.ReadAsync(_callCts.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (GrpcFraming.TryReadFrame(ref buffer, _channel.MaxReceive, out var payload))
                {
                    TResponse message;
                    try
                    {
                        message = _method.ResponseMarshaller.Deserializer(payload);
                    }
                    catch (Exception ex)
                    {
                        Cancel(new Status(StatusCode.Internal, $"Failed to deserialize the response message: {ex.Message}"));
                        return EndOfStream();
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.Start);
                    }

                    Current = message;
                    return true;
                }

                if (result.IsCompleted)
                {
                    reader.AdvanceTo(buffer.End);
                    if (!buffer.IsEmpty)
                    {
                        Cancel(GrpcFraming.Truncated(buffer.Length).Status);
                        return EndOfStream();
                    }

                    FinishFromTrailers();
                    return EndOfStream();
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (RpcException ex) when (!IsFinished)
        {
            Cancel(ex.Status); // a frame that can never be valid: oversized or compressed
            return EndOfStream();
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            Cancel(StatusFromException(ex, "Error reading the response"));
            return EndOfStream();
        }
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ThrowIfCannotWrite();
        byte[] frame;
        try
        {
            frame = _method.RequestMarshaller.SerializeFrame(message, _channel.MaxSend);
        }
        catch (RpcException ex)
        {
            Cancel(ex.Status); // too large to send: the call fails with RESOURCE_EXHAUSTED
            throw;
        }

        try
        {
            await _writer.EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw await MapWriteFailureAsync(ex).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync()
    {
        if (IsFinished || _requestCompleted)
        {
            return; // nothing left to half-close
        }

        _requestCompleted = true;
        _writer.Complete();
        await _pumpTask.ConfigureAwait(false); // never throws
        if (_writer.Fault is { } fault)
        {
            throw await MapWriteFailureAsync(fault).ConfigureAwait(false);
        }
    }

    private void ThrowIfCannotWrite()
    {
        if (IsFinished)
        {
            _ = ThrowForStatus<bool>();
            throw new InvalidOperationException("Can't write the message because the call is complete.");
        }

        if (_requestCompleted)
        {
            throw new InvalidOperationException("Can't write the message because the request stream has been completed.");
        }
    }

    /// <summary>Pitfall 8: a write fails when the server has already ended the call (or reset the stream);
    /// the useful error is the call's status, which the response side delivers shortly after.</summary>
    private async Task<Exception> MapWriteFailureAsync(Exception failure)
    {
        if (!IsFinished)
        {
            try
            {
                await _completion.Task.WaitAsync(WriteFailureStatusWait).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Nobody is reading the response stream: report the transport failure itself.
            }
        }

        if (!IsFinished)
        {
            var cause = _writer.Fault ?? failure.GetBaseException();
            return new RpcException(new Status(StatusCode.Unavailable, $"The request stream failed: {cause.Message}"));
        }

        var status = _completion.Task.Result;
        return status.StatusCode == StatusCode.OK
            ? new InvalidOperationException("Can't write the message because the call is complete.")
            : new RpcException(status, _trailers);
    }

    private void FinishFromTrailers()
    {
        var trailers = _response!.TrailingHeaders;
        var status = GrpcProtocol.ParseStatus(GrpcHttpHeaders.Single(trailers, GrpcProtocol.StatusHeader), GrpcHttpHeaders.Single(trailers, GrpcProtocol.MessageHeader))
            ?? new Status(StatusCode.Internal, "The response ended without a grpc-status trailer.");
        Finish(status, GrpcHttpHeaders.ToMetadata(trailers));
        // Read to the end: release the stream now rather than when (or if) the caller disposes the call.
        _reader!.Complete();
        _response.Dispose();
    }

    /// <summary>False for a call that ended OK; otherwise throws its status.</summary>
    private bool EndOfStream() => ThrowForStatus<bool>();

    private T ThrowForStatus<T>()
    {
        var status = _completion.Task.Result;
        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, _trailers);
        }

        return default!;
    }
}
