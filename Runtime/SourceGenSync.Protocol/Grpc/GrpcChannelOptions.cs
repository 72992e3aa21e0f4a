using System;
using System.Net.Http;
using System.Threading;

namespace SourceGenSync.Grpc;

/// <summary>Options of <see cref="GrpcHttpChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted (bytes); null means unlimited. Default 4 MiB.</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcFraming.DefaultMaxMessageSize;

    /// <summary>Largest request message sent (bytes); null means unlimited. Default 4 MiB.</summary>
    public int? MaxSendMessageSize { get; set; } = GrpcFraming.DefaultMaxMessageSize;

    /// <summary>HTTP/2 PING after this much idle time on a connection, to detect dead peers and keep NATs
    /// open. Default 60 s; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A connection whose PING is not answered within this time is closed. Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Open another HTTP/2 connection when the server's concurrent stream limit is reached (instead
    /// of queueing the call). Default true.</summary>
    public bool EnableMultipleHttp2Connections { get; set; } = true;

    /// <summary>Limit on establishing the TCP connection. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Request messages buffered ahead of the network per streaming call (back-pressure). Default 128.</summary>
    public int WriteQueueCapacity { get; set; } = 128;

    /// <summary>Use this handler instead of the channel's own SocketsHttpHandler (then the keepalive and
    /// connection settings above are the handler's business).</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>. Default false.</summary>
    public bool DisposeHttpHandler { get; set; }

    /// <summary>The <c>user-agent</c> sent with every call.</summary>
    public string UserAgent { get; set; } = "grpc-sourcegensync/1.0";
}
