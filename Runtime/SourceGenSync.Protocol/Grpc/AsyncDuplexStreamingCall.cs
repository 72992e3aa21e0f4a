using System;
using System.Threading.Tasks;

namespace SourceGenSync.Grpc;

/// <summary>A bidirectional streaming call in flight. Write with <see cref="RequestStream"/> (complete it to
/// half-close), read with <see cref="ResponseStream"/> until it returns false (status OK) or throws
/// <see cref="RpcException"/>. Dispose cancels the call if it is still running.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    public AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        ResponseHeadersAsync = responseHeadersAsync;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The call's status; throws <see cref="InvalidOperationException"/> while the call is running.</summary>
    public Status GetStatus() => _getStatus();

    /// <summary>The call's trailers; throws <see cref="InvalidOperationException"/> while the call is running.</summary>
    public Metadata GetTrailers() => _getTrailers();

    public void Dispose() => _dispose();
}
