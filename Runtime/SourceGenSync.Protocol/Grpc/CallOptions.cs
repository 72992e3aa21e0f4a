using System;
using System.Threading;

namespace SourceGenSync.Grpc;

/// <summary>Per-call options: request metadata, an absolute UTC deadline, and a cancellation token.</summary>
public readonly struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    public Metadata? Headers { get; }

    /// <summary>Absolute deadline; converted to UTC. Null (or <see cref="DateTime.MaxValue"/>) means none.</summary>
    public DateTime? Deadline { get; }

    public CancellationToken CancellationToken { get; }

    public CallOptions WithHeaders(Metadata? headers) => new(headers, Deadline, CancellationToken);

    public CallOptions WithDeadline(DateTime? deadline) => new(Headers, deadline, CancellationToken);

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(Headers, Deadline, cancellationToken);
}
