using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Grpc;

/// <summary>What a server handler knows about its call, and how it sets the response's headers, trailers
/// and status (a handler may also throw <see cref="RpcException"/> to choose the status).</summary>
public abstract class ServerCallContext
{
    /// <summary>The method's full name, <c>/package.Service/Method</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The remote address, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The call's deadline in UTC (<see cref="DateTime.MaxValue"/> when the client set none).</summary>
    public abstract DateTime Deadline { get; }

    public abstract Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the client cancels (or resets the stream, or disconnects) or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailing metadata sent with the status when the handler completes.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent when the handler completes normally (OK by default).</summary>
    public abstract Status Status { get; set; }

    /// <summary>State shared with interceptors (e.g. the authenticated user).</summary>
    public abstract IDictionary<object, object?> UserState { get; }

    /// <summary>Sends the response headers now (at most once, before the first message).</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders, CancellationToken cancellationToken = default);
}
