using System;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Grpc;

/// <summary>One client call on <see cref="GrpcHttpChannel"/>: the HTTP/2 request, the writer pump of the
/// request stream, the reader of the response stream, and the status. The first status set wins (from
/// trailers, Trailers-Only headers, an HTTP error, the deadline, or cancellation); setting a non-OK status
/// locally also resets the HTTP/2 stream.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    // Longest timer CancellationTokenSource accepts (~49 days); longer deadlines are only sent to the server.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly GrpcHttpChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _callCts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Status> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GrpcRequestContent _content = new();
    private readonly CoalescingFrameWriter _writer;
    private readonly Lock _lock = new();
    private CancellationTokenRegistration _userCancellation;
    private CancellationTokenSource? _deadlineCts;
    private Task _sendTask = Task.CompletedTask;
    private Task _pumpTask = Task.CompletedTask;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private Metadata _trailers = Metadata.Empty;
    private bool _disposed;

    public GrpcCall(GrpcHttpChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _writer = new CoalescingFrameWriter(channel.Options.WriteQueueCapacity);
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    private bool IsFinished => _completion.Task.IsCompleted;

    public void Start()
    {
        TimeSpan? timeout = null;
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            timeout = (deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline) - DateTime.UtcNow;
            if (timeout <= TimeSpan.Zero)
            {
                Finish(DeadlineStatus, Metadata.Empty);
                return;
            }
        }

        if (_options.CancellationToken.IsCancellationRequested)
        {
            Finish(Status.DefaultCancelled, Metadata.Empty);
            return;
        }

        _userCancellation = _options.CancellationToken.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(Status.DefaultCancelled), this);
        if (timeout is { } t && t < MaxTimer)
        {
            _deadlineCts = new CancellationTokenSource(t);
            _deadlineCts.Token.UnsafeRegister(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(DeadlineStatus), this);
        }

        _sendTask = SendAsync(CreateRequest(timeout));
        _pumpTask = PumpAsync();
    }

    private static Status DeadlineStatus => new(StatusCode.DeadlineExceeded, "Deadline Exceeded");

    public Status GetStatus() => IsFinished
        ? _completion.Task.Result
        : throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => IsFinished
        ? _trailers
        : throw new InvalidOperationException("Unable to get the trailers because the call is not complete.");

    /// <summary>Cancels the call if it is still running (CANCELLED) and releases its resources.</summary>
    public void Dispose()
    {
        Cancel(new Status(StatusCode.Cancelled, "The call was disposed."));
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _userCancellation.Dispose();
        _deadlineCts?.Dispose();
        _response?.Dispose();
    }

    /// <summary>Ends the call locally with <paramref name="status"/> (no-op if it has ended) and resets the
    /// HTTP/2 stream: cancelling SendAsync or disposing the response sends RST_STREAM(CANCEL).</summary>
    internal void Cancel(Status status)
    {
        if (!Finish(status, Metadata.Empty))
        {
            return;
        }

        _callCts.Cancel();
        HttpResponseMessage? response;
        lock (_lock)
        {
            response = _response;
        }

        response?.Dispose();
    }

    private bool Finish(Status status, Metadata trailers)
    {
        lock (_lock)
        {
            if (IsFinished)
            {
                return false;
            }

            _trailers = trailers;
            _completion.SetResult(status);
        }

        if (_headers.TrySetException(new RpcException(status, trailers)))
        {
            _ = _headers.Task.Exception; // observed: nobody has to await the headers
        }

        _writer.Complete();
        if (status.StatusCode == StatusCode.OK)
        {
            _content.Complete();
        }
        else
        {
            _content.Abort();
        }

        return true;
    }

    private HttpRequestMessage CreateRequest(TimeSpan? timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetRequestUri(_method.FullName))
        {
            // Pitfall 1: exactly HTTP/2; RequestVersionOrLower would silently fall back to HTTP/1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = _content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", _channel.Options.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, "identity");
        if (timeout is { } t)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.EncodeTimeout(t));
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    headers.TryAddWithoutValidation(entry.Key, entry.Value);
                }
            }
        }

        return request;
    }

    /// <summary>Sends the request and processes the response headers; never throws (failures become the
    /// call's status).</summary>
    private async Task SendAsync(HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await _channel.Invoker.SendAsync(request, _callCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Finish(StatusFromException(ex, "Error starting gRPC call"), Metadata.Empty);
            return;
        }

        lock (_lock)
        {
            if (!IsFinished)
            {
                _response = response;
            }
        }

        if (_response is null)
        {
            response.Dispose(); // cancelled while the headers were on their way
            return;
        }

        var headers = GrpcHttpHeaders.ToMetadata(response.Headers);
        if (ValidateHeaders(response) is { } status)
        {
            // Errors before any message: an HTTP error or Trailers-Only (grpc-status in the headers, pitfall 4).
            _headers.TrySetResult(headers);
            Finish(status, headers);
            response.Dispose();
            return;
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
            _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096));
            _headers.TrySetResult(headers);
        }
        catch (Exception ex)
        {
            Finish(StatusFromException(ex, "Error reading the response"), Metadata.Empty);
        }
    }

    private static Status? ValidateHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = (int)response.StatusCode;
            return new Status(GrpcProtocol.FromHttpStatus(code), $"Bad gRPC response. HTTP status code: {code}");
        }

        if (GrpcHttpHeaders.Single(response.Headers, GrpcProtocol.StatusHeader) is { } grpcStatus)
        {
            return GrpcProtocol.ParseStatus(grpcStatus, GrpcHttpHeaders.Single(response.Headers, GrpcProtocol.MessageHeader));
        }

        var contentType = response.Content.Headers.TryGetValues("content-type", out var values) ? values.FirstOrDefault() : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}");
        }

        var encoding = GrpcHttpHeaders.Single(response.Headers, GrpcProtocol.EncodingHeader);
        if (encoding is not null && encoding != "identity")
        {
            return new Status(StatusCode.Unimplemented, $"The server compressed the response with '{encoding}', which was not requested.");
        }

        return null;
    }

    /// <summary>The status of a transport failure: HTTP/2 stream and connection errors by their error code
    /// (PROTOCOL-HTTP2 "Errors"), anything else UNAVAILABLE. A locally ended call keeps its own status.</summary>
    private Status StatusFromException(Exception ex, string context)
    {
        if (IsFinished)
        {
            return _completion.Task.Result;
        }

        if (ex is OperationCanceledException)
        {
            return Status.DefaultCancelled;
        }

        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                return new Status(GrpcProtocol.FromHttp2ErrorCode(protocol.ErrorCode), $"{context}: {protocol.Message}");
            }
        }

        return new Status(StatusCode.Unavailable, $"{context}: {ex.Message}");
    }

    private async Task PumpAsync()
    {
        Stream stream;
        try
        {
            stream = await _content.Stream.WaitAsync(_callCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // the call ended before its body started
        }

        try
        {
            // SocketsHttpHandler holds back the request HEADERS until body data is flushed: unless a message is
            // already queued (a unary call), flush now so the server starts the call before the first write.
            if (!_writer.HasPending)
            {
                await stream.FlushAsync(_callCts.Token).ConfigureAwait(false);
            }

            await _writer.PumpAsync(
                (frame, ct) => stream.WriteAsync(frame, ct),
                ct => new ValueTask(stream.FlushAsync(ct)),
                _callCts.Token).ConfigureAwait(false);
            _content.Complete(); // half-close: END_STREAM on the request
        }
        catch (Exception)
        {
            // Recorded in _writer.Fault; the next WriteAsync/CompleteAsync maps it to the call's status.
        }
    }
}
