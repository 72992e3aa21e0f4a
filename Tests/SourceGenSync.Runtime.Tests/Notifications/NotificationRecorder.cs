using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace SourceGenSync.Runtime.Tests.Notifications;

/// <summary>Collects what a notification callback receives and lets a test wait for a condition on it.</summary>
public sealed class NotificationRecorder<TChanges>
    where TChanges : class
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);
    private readonly List<TChanges?> _calls = [];
    private readonly List<(Func<List<TChanges?>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public int ThreadOfLastCall { get; private set; }

    /// <summary>Every call so far (the first one's changes are null).</summary>
    public List<TChanges?> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The changes of the last call (after the initial one).</summary>
    public TChanges Last
    {
        get
        {
            lock (_calls)
            {
                return _calls[^1] ?? throw new InvalidOperationException("The last call was the initial one.");
            }
        }
    }

    public void Record(TChanges? changes)
    {
        lock (_calls)
        {
            ThreadOfLastCall = Environment.CurrentManagedThreadId;
            _calls.Add(changes);
            foreach (var waiter in _waiters.ToArray())
            {
                if (waiter.Condition(_calls))
                {
                    _waiters.Remove(waiter);
                    waiter.Done.TrySetResult();
                }
            }
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds for the calls so far (fails after a generous deadline).</summary>
    public Task WaitFor(Func<List<TChanges?>, bool> condition)
    {
        lock (_calls)
        {
            if (condition(_calls))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(s_deadline);
        }
    }

    public Task WaitForCalls(int count) => WaitFor(calls => calls.Count >= count);
}
