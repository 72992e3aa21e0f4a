using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

/// <summary>Reads length-prefixed request messages from the request body. A frame that can never be valid
/// (compressed, bad flag, truncated) is INTERNAL with a message saying what was wrong; a declared length over
/// the limit is RESOURCE_EXHAUSTED before its payload is buffered.</summary>
internal sealed class ServerRequestReader<T> : IAsyncStreamReader<T>
{
    private readonly PipeReader _body;
    private readonly Marshaller<T> _marshaller;
    private readonly int _maxReceive;
    private readonly HttpServerCallContext _context;

    public ServerRequestReader(PipeReader body, Marshaller<T> marshaller, int maxReceive, HttpServerCallContext context)
    {
        _body = body;
        _marshaller = marshaller;
        _maxReceive = maxReceive;
        _context = context;
    }

    public T Current { get; private set; } = default!;

    /// <summary>The request of a unary call: exactly one message, then the end of the stream.</summary>
    public async Task<T> ReadSingleAsync()
    {
        if (!await MoveNext(_context.CancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Incomplete request: a unary call needs one request message, none was sent."));
        }

        var message = Current;
        if (await MoveNext(_context.CancellationToken).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Bad request: a unary call takes one request message, more were sent."));
        }

        return message;
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        // The call's token also carries the deadline and the client's reset; a caller's own token adds to it.
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != _context.CancellationToken
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _context.CancellationToken)
            : null;
        var token = linked?.Token ?? _context.CancellationToken;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _body.ReadAsync(token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is System.IO.IOException || (exception is OperationCanceledException && !token.IsCancellationRequested))
            {
                // The client reset the stream or the connection went away (Kestrel reports an aborted connection as
                // an IOException or a ConnectionAbortedException): the call ends, it did not fail.
                throw new RpcException(new Status(StatusCode.Cancelled, "The client closed the stream: " + exception.Message));
            }

            var buffer = result.Buffer;
            bool complete;
            try
            {
                complete = GrpcFraming.TryReadFrame(ref buffer, _maxReceive, out var payload);
                if (complete)
                {
                    Current = Deserialize(payload);
                }
            }
            catch
            {
                _body.AdvanceTo(result.Buffer.Start);
                throw;
            }

            if (complete)
            {
                _body.AdvanceTo(buffer.Start);
                return true;
            }

            if (result.IsCompleted)
            {
                _body.AdvanceTo(buffer.End);
                return buffer.IsEmpty ? false : throw GrpcFraming.Truncated(buffer.Length);
            }

            _body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private T Deserialize(System.Buffers.ReadOnlySequence<byte> payload)
    {
        try
        {
            return _marshaller.Deserializer(payload);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the request message."));
        }
    }
}
