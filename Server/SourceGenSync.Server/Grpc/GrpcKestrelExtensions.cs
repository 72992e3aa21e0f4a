using System;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SourceGenSync.Server.Grpc;

/// <summary>Kestrel settings for gRPC (docs/transport.md, pitfalls 1, 7, 9).</summary>
public static class GrpcKestrelExtensions
{
    /// <summary>Makes every endpoint configured afterwards (including <c>--urls</c>) HTTP/2-only, and sets
    /// the HTTP/2 limits from <paramref name="options"/>: streams per connection, keepalive pings, flow-control
    /// windows. Call it first in <c>ConfigureKestrel</c>.</summary>
    public static KestrelServerOptions ConfigureForGrpc(this KestrelServerOptions kestrel, GrpcServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        kestrel.ConfigureEndpointDefaults(listen => listen.UseGrpcProtocols());
        kestrel.AddServerHeader = false;
        var http2 = kestrel.Limits.Http2;
        http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
        http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
        http2.InitialConnectionWindowSize = options.InitialConnectionWindowSize;
        http2.InitialStreamWindowSize = options.InitialStreamWindowSize;
        return kestrel;
    }

    /// <summary>HTTP/2 only: cleartext h2c works only without protocol negotiation, which HTTP/1.1 and
    /// HTTP/2 together would need (pitfall 1). HTTP/1.x clients are refused at the connection.</summary>
    public static ListenOptions UseGrpcProtocols(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Protocols = HttpProtocols.Http2;
        return listen;
    }
}
