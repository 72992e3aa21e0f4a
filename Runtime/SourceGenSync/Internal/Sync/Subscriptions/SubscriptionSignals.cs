using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Internal.Sync.Subscriptions;

/// <summary>
/// In-process signals about one realm file's subscription sets, shared by every realm instance on it and by its
/// sync session: <see cref="SetCommitted"/> when an Update commits a new set (the session sends it), and
/// <see cref="StateChanged"/>, which the session calls after committing <see cref="SubscriptionTables.MarkComplete"/>
/// or <see cref="SubscriptionTables.MarkError"/> (waits re-read the state). One object per file path for the whole
/// process, so a session subscribed while no realm is open still hears the next one's commits.
/// </summary>
internal sealed class SubscriptionSignals
{
    private static readonly Dictionary<string, SubscriptionSignals> s_byPath =
        new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private TaskCompletionSource _next = NewSource();
    private long _generation;

    private SubscriptionSignals()
    {
    }

    /// <summary>
    /// Raised on the committing thread right after an Update committed set <c>version</c> (Pending): keep the handler
    /// short (signal a worker) and do not throw.
    /// </summary>
    public event Action<long>? SetCommitted;

    /// <summary>Bumped by every commit and state change: readers cache what they read until it moves.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>The signals of the realm file at <paramref name="path"/> (created on first use, kept for the process).</summary>
    public static SubscriptionSignals For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        lock (s_byPath)
        {
            if (!s_byPath.TryGetValue(full, out var signals))
            {
                signals = new SubscriptionSignals();
                s_byPath[full] = signals;
            }

            return signals;
        }
    }

    /// <summary>A task that completes at the next commit or state change (take it before reading the state).</summary>
    public Task NextChange()
    {
        lock (_gate)
        {
            return _next.Task;
        }
    }

    /// <summary>
    /// The session committed a state change (<see cref="SubscriptionTables.MarkComplete"/> or
    /// <see cref="SubscriptionTables.MarkError"/>): wakes every WaitForSynchronizationAsync on the file and makes
    /// every instance's <c>Subscriptions</c> re-read the state. Call it after the commit, never inside the transaction.
    /// </summary>
    public void StateChanged() => Bump();

    /// <summary>An Update committed set <paramref name="version"/>; returns the generation that commit produced.</summary>
    internal long Committed(long version)
    {
        var generation = Bump();
        SetCommitted?.Invoke(version);
        return generation;
    }

    private long Bump()
    {
        TaskCompletionSource previous;
        long generation;
        lock (_gate)
        {
            generation = ++_generation;
            previous = _next;
            _next = NewSource();
        }

        previous.TrySetResult();
        return generation;
    }

    // Waiters continue on the thread pool, never inside the caller of Bump (a commit or the session's loop).
    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
