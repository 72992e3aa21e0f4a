using System;
using System.Threading;

namespace SourceGenSync.Internal.Transactions;

/// <summary>
/// A hybrid logical clock: Unix milliseconds shifted left 16 bits plus a counter, never going backwards even if the
/// wall clock does. Changeset timestamps come from it; sync's last-writer-wins compares them.
/// </summary>
internal static class HybridClock
{
    private static long s_last;

    public static long Next() => Next(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public static long Next(long unixMilliseconds)
    {
        var physical = unixMilliseconds << 16;
        while (true)
        {
            var last = Volatile.Read(ref s_last);
            var next = physical > last ? physical : last + 1;
            if (Interlocked.CompareExchange(ref s_last, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Moves the clock past a timestamp seen elsewhere (a file's last changeset, a server's history).</summary>
    public static void Observe(long timestamp)
    {
        while (true)
        {
            var last = Volatile.Read(ref s_last);
            if (timestamp <= last || Interlocked.CompareExchange(ref s_last, timestamp, last) == last)
            {
                return;
            }
        }
    }
}
