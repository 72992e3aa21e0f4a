using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Grpc;

namespace SourceGenSync.Sync;

/// <summary>
/// The unary Auth calls of an <see cref="App"/> over its shared channel: each with the app's request timeout as
/// its gRPC deadline, failures turned into <see cref="AppException"/>s that say what to do.
/// </summary>
internal sealed class AuthCalls
{
    private readonly CallInvoker _invoker;
    private readonly Uri _server;
    private readonly TimeSpan _timeout;

    public AuthCalls(CallInvoker invoker, Uri server, TimeSpan timeout)
    {
        _invoker = invoker;
        _server = server;
        _timeout = timeout;
    }

    /// <summary>Calls <paramref name="method"/>. <paramref name="unauthenticated"/> is the code an UNAUTHENTICATED
    /// answer means for this call (bad credentials for a log-in, a dead session for a refresh). A call that may run
    /// twice (<paramref name="repeatable"/>) is tried once more, within the same deadline, when it could not be sent:
    /// after the server restarted, the first call can still go to the old, dead pooled connection.</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, string? accessToken, AppErrorCode unauthenticated, CancellationToken cancellationToken, bool repeatable = true)
    {
        var headers = accessToken is null ? null : new Metadata().Add("authorization", "Bearer " + accessToken);
        var deadline = _timeout == Timeout.InfiniteTimeSpan ? (DateTime?)null : DateTime.UtcNow + _timeout;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var call = _invoker.AsyncUnaryCall(method, new CallOptions(headers, deadline, cancellationToken), request);
                    return await call.ResponseAsync.ConfigureAwait(false);
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable && repeatable && attempt == 1)
                {
                    // Tried again below on a fresh connection.
                }
            }
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The {method.Name} call was cancelled.", exception, cancellationToken);
        }
        catch (RpcException exception)
        {
            throw ToAppException(method.Name, exception, unauthenticated);
        }
        catch (ObjectDisposedException exception)
        {
            throw new ObjectDisposedException($"The app was disposed during the {method.Name} call.", exception);
        }
    }

    private AppException ToAppException(string call, RpcException exception, AppErrorCode unauthenticated)
    {
        var detail = exception.Status.Detail;
        return exception.StatusCode switch
        {
            StatusCode.Unavailable => new AppException(AppErrorCode.NetworkUnavailable,
                $"Could not reach the sync server at {_server} ({detail}). Check the address and the network connection: " +
                "the first log-in needs the network; afterwards a cached user can open its realms offline.", exception),
            StatusCode.DeadlineExceeded => new AppException(AppErrorCode.Timeout,
                $"The sync server at {_server} did not answer {call} within {_timeout.TotalSeconds:0.###} s (AppConfiguration.DefaultRequestTimeout).", exception),
            StatusCode.Unauthenticated => new AppException(unauthenticated, detail, exception),
            StatusCode.AlreadyExists => new AppException(AppErrorCode.UserAlreadyExists, detail, exception),
            StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.OutOfRange => new AppException(AppErrorCode.InvalidArgument, detail, exception),
            StatusCode.PermissionDenied => new AppException(AppErrorCode.PermissionDenied, detail, exception),
            _ => new AppException(AppErrorCode.ServerError, $"The sync server at {_server} failed on {call}: {exception.StatusCode}: {detail}", exception),
        };
    }
}
