using System;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

/// <summary>Settings of our gRPC hosting and of the Kestrel limits it configures (docs/transport.md).</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted (bytes); null means unlimited. Default 4 MiB; larger ones
    /// fail the call with RESOURCE_EXHAUSTED, detected from the frame prefix before the payload is buffered.</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcFraming.DefaultMaxMessageSize;

    /// <summary>Largest response message sent (bytes); null means unlimited. Default 4 MiB.</summary>
    public int? MaxSendMessageSize { get; set; } = GrpcFraming.DefaultMaxMessageSize;

    /// <summary>Concurrent HTTP/2 streams (calls) per connection. Default 100 (Kestrel's and gRPC's usual
    /// value); clients open another connection or queue beyond it.</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>Server-side HTTP/2 PING after this much connection idle time. Default 60 s;
    /// <see cref="TimeSpan.MaxValue"/> disables it.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A connection whose PING is not answered within this time is closed. Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>HTTP/2 flow-control windows: larger than Kestrel's defaults (128/96 KiB) so one busy stream
    /// is not throttled by round trips. Defaults 1 MiB per connection, 768 KiB per stream.</summary>
    public int InitialConnectionWindowSize { get; set; } = 1024 * 1024;

    public int InitialStreamWindowSize { get; set; } = 768 * 1024;

    /// <summary>Response messages buffered ahead of the network per streaming call. Default 128.</summary>
    public int WriteQueueCapacity { get; set; } = 128;

    /// <summary>Send the response headers of a duplex call as soon as its handler starts (pitfall 2: a
    /// client waiting for headers before its first write would otherwise wait forever). Errors are then
    /// reported in trailers rather than as Trailers-Only. Default true.</summary>
    public bool SendDuplexHeadersImmediately { get; set; } = true;

    internal int MaxReceive => MaxReceiveMessageSize ?? int.MaxValue;

    internal int MaxSend => MaxSendMessageSize ?? int.MaxValue;
}
