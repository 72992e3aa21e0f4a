using System;
using System.Threading;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SourceGenSync.Server.Hosting;

/// <summary>
/// Counts the TCP connections Kestrel accepts (one singleton in the server's services). It sits in every
/// endpoint's connection pipeline, below HTTP/2 and TLS, so it sees connections rather than calls: tests use it to
/// tell whether several sync sessions share one multiplexed connection or each open their own.
/// </summary>
public sealed class ConnectionCounter
{
    private long _accepted;
    private long _active;

    /// <summary>Connections accepted since the server started.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections open right now.</summary>
    public long Active => Interlocked.Read(ref _active);

    /// <summary>Adds the counting middleware to <paramref name="listen"/>'s connection pipeline.</summary>
    public ListenOptions Attach(ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => async connection =>
        {
            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _active);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                // The delegate returns when the connection has closed (either side, or aborted on shutdown).
                Interlocked.Decrement(ref _active);
            }
        });
        return listen;
    }
}
