using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

/// <summary>One call on Kestrel: the handler's view (<see cref="ServerCallContext"/>) and the response side —
/// headers, the coalescing writer pump over the response body, and the final status as trailers or as a
/// Trailers-Only response when nothing was sent yet.</summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly GrpcServerOptions _options;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource _callCts;
    private readonly CoalescingFrameWriter _writer;
    private Metadata? _requestHeaders;
    private Dictionary<object, object?>? _userState;
    private Task? _pump;
    private bool _bodyWritten;
    private volatile bool _completed;
    private volatile bool _deadlineExceeded;

    public HttpServerCallContext(HttpContext httpContext, string method, GrpcServerOptions options, ILogger logger)
    {
        HttpContext = httpContext;
        Method = method;
        _options = options;
        _writer = new CoalescingFrameWriter(options.WriteQueueCapacity);
        Deadline = DateTime.MaxValue;
        var timeoutHeader = httpContext.Request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (GrpcProtocol.TryParseTimeout(timeoutHeader, out var timeout))
            {
                Deadline = DateTime.UtcNow + timeout;
                // A timer longer than ~49 days cannot be armed; such a deadline never fires in practice.
                if (timeout < TimeSpan.FromMilliseconds(uint.MaxValue - 1))
                {
                    _deadlineCts = new CancellationTokenSource(timeout);
                    _deadlineCts.Token.UnsafeRegister(static s => ((HttpServerCallContext)s!)._deadlineExceeded = true, this);
                }
            }
            else
            {
                GrpcServerLog.InvalidTimeout(logger, method, timeoutHeader);
            }
        }

        _callCts = _deadlineCts is null
            ? CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted)
            : CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, _deadlineCts.Token);
    }

    public HttpContext HttpContext { get; }

    public override string Method { get; }

    public override string Peer
    {
        get
        {
            var connection = HttpContext.Connection;
            return connection.RemoteIpAddress switch
            {
                null => "unknown",
                { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
                var ip => $"ipv4:{ip}:{connection.RemotePort}",
            };
        }
    }

    public override DateTime Deadline { get; }

    public override Metadata RequestHeaders => _requestHeaders ??= RequestMetadata.FromHeaders(HttpContext.Request.Headers);

    public override CancellationToken CancellationToken => _callCts.Token;

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override IDictionary<object, object?> UserState => _userState ??= new Dictionary<object, object?>();

    /// <summary>Whether the deadline passed before the handler completed (its token was cancelled for that).</summary>
    public bool DeadlineExceeded => _deadlineExceeded;

    internal GrpcServerOptions Options => _options;

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (HttpContext.Response.HasStarted || _bodyWritten)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call, before the first message.");
        }

        RequestMetadata.AppendTo(HttpContext.Response.Headers, responseHeaders);
        await StartResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the response headers now (200, application/grpc) so the client sees the call start.</summary>
    public async Task StartResponseAsync(CancellationToken cancellationToken)
    {
        var response = HttpContext.Response;
        if (!response.HasStarted)
        {
            await response.StartAsync(cancellationToken).ConfigureAwait(false);
            await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Queues a response frame for the pump (streaming responses).</summary>
    public async Task EnqueueFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        if (_pump is null)
        {
            _bodyWritten = true;
            _pump = PumpAsync();
        }

        try
        {
            await _writer.EnqueueAsync(frame, cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            ThrowIfCompleted();
            // Pitfall 8: the pump failed because the client went away (or reset the stream).
            throw new IOException("The response stream is closed: the client cancelled the call or disconnected.", _writer.Fault ?? ex);
        }
    }

    /// <summary>Writes the only message of a unary response; it goes out with the trailers in one flush.</summary>
    public void WriteUnaryFrame(byte[] frame)
    {
        ThrowIfCompleted();
        _bodyWritten = true;
        HttpContext.Response.BodyWriter.Write(frame);
    }

    /// <summary>Ends the response: flushes queued messages, then sends <paramref name="status"/> as trailers,
    /// or as a Trailers-Only response (grpc-status in the headers, no body) when nothing was sent yet.</summary>
    public async Task CompleteAsync(Status status)
    {
        _completed = true;
        _writer.Complete();
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false); // never throws
        }

        if (HttpContext.RequestAborted.IsCancellationRequested)
        {
            return; // the client is gone: the stream is already reset, nothing more can be sent
        }

        if (_writer.Fault is not null)
        {
            HttpContext.Abort(); // the response body broke mid-way: reset rather than end without a status
            return;
        }

        var response = HttpContext.Response;
        if (response.HasStarted || _bodyWritten)
        {
            response.AppendTrailer(GrpcProtocol.StatusHeader, ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (status.Detail.Length > 0)
            {
                response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcProtocol.PercentEncode(status.Detail));
            }

            foreach (var entry in ResponseTrailers)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    response.AppendTrailer(entry.Key, entry.Value);
                }
            }

            return;
        }

        RequestMetadata.AppendTo(response.Headers, ResponseTrailers);
        GrpcResponses.SetStatusHeaders(response, status);
    }

    public void Dispose()
    {
        _callCts.Dispose();
        _deadlineCts?.Dispose();
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("Can't write the message because the call is complete.");
        }
    }

    private async Task PumpAsync()
    {
        var body = HttpContext.Response.BodyWriter;
        try
        {
            await _writer.PumpAsync(
                (frame, _) =>
                {
                    body.Write(frame);
                    return ValueTask.CompletedTask;
                },
                async ct =>
                {
                    var result = await body.FlushAsync(ct).ConfigureAwait(false);
                    if (result.IsCanceled || result.IsCompleted)
                    {
                        throw new IOException("The client stopped reading the response.");
                    }
                },
                // Not the call's token: a deadline passing mid-flush must still leave room for its status.
                HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Recorded in _writer.Fault; the next write reports it and CompleteAsync sends nothing more.
        }
    }
}
