using System;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace SourceGenSync.Grpc;

/// <summary>Our gRPC client channel: HTTP/2 (cleartext h2c for http://, TLS for https://) over
/// SocketsHttpHandler. Thread-safe; share one per server address: calls are multiplexed as HTTP/2 streams
/// over its connection(s). See docs/transport.md.</summary>
public sealed class GrpcHttpChannel : IDisposable
{
    private int _disposed;

    public GrpcHttpChannel(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The address '{address}' must be an absolute http:// or https:// URI.", nameof(address));
        }

        Address = address;
        Options = options ?? new GrpcChannelOptions();
        if (Options.MaxReceiveMessageSize < 0 || Options.MaxSendMessageSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Message size limits cannot be negative.");
        }

        var ownsHandler = Options.HttpHandler is null || Options.DisposeHttpHandler;
        Invoker = new HttpMessageInvoker(Options.HttpHandler ?? CreateHandler(Options), ownsHandler);
    }

    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    /// <summary>HttpMessageInvoker rather than HttpClient: no HttpClient.Timeout (pitfall 6: deadlines are
    /// per call) and SendAsync returns as soon as the response headers arrive (pitfall 2).</summary>
    internal HttpMessageInvoker Invoker { get; }

    internal int MaxReceive => Options.MaxReceiveMessageSize ?? int.MaxValue;

    internal int MaxSend => Options.MaxSendMessageSize ?? int.MaxValue;

    public CallInvoker CreateCallInvoker()
    {
        ThrowIfDisposed();
        return new HttpCallInvoker(this);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Invoker.Dispose();
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    internal Uri GetRequestUri(string fullName) => new(Address, fullName);

    internal static SocketsHttpHandler CreateHandler(GrpcChannelOptions options) => new()
    {
        // Beyond the server's concurrent-stream limit a second connection opens instead of queueing (pitfall 7).
        EnableMultipleHttp2Connections = options.EnableMultipleHttp2Connections,
        // Pitfall 9: HTTP/2 PINGs detect a dead peer on a long idle stream. Only while calls are active:
        // gRPC servers (grpc-js, grpc-go) penalise pings on a connection without calls.
        KeepAlivePingDelay = options.KeepAlivePingDelay,
        KeepAlivePingTimeout = options.KeepAlivePingTimeout,
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = options.ConnectTimeout,
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
        // h2c cannot go through an HTTP proxy; a gRPC address is always dialled directly.
        UseProxy = false,
    };
}

/// <summary>The <see cref="CallInvoker"/> of <see cref="GrpcHttpChannel"/>.</summary>
internal sealed class HttpCallInvoker : CallInvoker
{
    private readonly GrpcHttpChannel _channel;

    public HttpCallInvoker(GrpcHttpChannel channel) => _channel = channel;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
    {
        ArgumentNullException.ThrowIfNull(method);
        _channel.ThrowIfDisposed();
        var call = new GrpcCall<TRequest, TResponse>(_channel, method, options);
        var response = call.RunUnaryAsync(request);
        return new AsyncUnaryCall<TResponse>(response, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        _channel.ThrowIfDisposed();
        var call = new GrpcCall<TRequest, TResponse>(_channel, method, options);
        call.Start();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call, call, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }
}
