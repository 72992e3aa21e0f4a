using System;

namespace SourceGenSync.Grpc;

/// <summary>A call that ended with a status other than OK (thrown by clients, and by server handlers to choose
/// the status they answer with).</summary>
public class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, Metadata.Empty, null)
    {
    }

    public RpcException(Status status, string? message)
        : this(status, Metadata.Empty, message)
    {
    }

    public RpcException(Status status, Metadata trailers, string? message = null)
        : base(message ?? $"Status(StatusCode=\"{status.StatusCode}\", Detail=\"{status.Detail}\")")
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailing metadata of the call (empty when the status was produced locally).</summary>
    public Metadata Trailers { get; }
}
