using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace SourceGenSync.Sync.Tests.Infrastructure;

/// <summary>Waits for a condition instead of sleeping: polls until it holds, failing with
/// the given reason only when a generous deadline passes (the deadline is a safety net, never asserted on).</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task WaitAsync(Func<bool> condition, string because) => WaitAsync(condition, DefaultTimeout, because);

    public static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Asynchronous condition variant (e.g. a query against the server's store).</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }
}
