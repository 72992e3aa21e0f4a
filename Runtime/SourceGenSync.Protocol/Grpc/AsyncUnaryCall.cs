using System;
using System.Threading.Tasks;
using System.Runtime.CompilerServices;

namespace SourceGenSync.Grpc;

/// <summary>A unary call in flight. Await it (or <see cref="ResponseAsync"/>) for the response; a non-OK
/// status surfaces as <see cref="RpcException"/>. Dispose cancels the call if it is still running.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    public AsyncUnaryCall(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        ResponseAsync = responseAsync;
        ResponseHeadersAsync = responseHeadersAsync;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The call's status; throws <see cref="InvalidOperationException"/> while the call is running.</summary>
    public Status GetStatus() => _getStatus();

    /// <summary>The call's trailers; throws <see cref="InvalidOperationException"/> while the call is running.</summary>
    public Metadata GetTrailers() => _getTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);

    public void Dispose() => _dispose();
}
