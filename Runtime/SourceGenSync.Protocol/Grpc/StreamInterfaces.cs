using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Grpc;

/// <summary>Reads a stream of messages. Not thread-safe: one <see cref="MoveNext"/> at a time.</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message: false at the end of the stream (status OK); throws
    /// <see cref="RpcException"/> when the call ended with another status.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}

/// <summary>Writes a stream of messages. Not thread-safe: await each write before the next.</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Queues the message for sending; completes once it is buffered (transport flushes are coalesced:
    /// the data goes out when no further message is waiting).</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>The request side of a client streaming call.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Flushes what is buffered and half-closes the request stream.</summary>
    Task CompleteAsync();
}

/// <summary>The response side of a server streaming call.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
