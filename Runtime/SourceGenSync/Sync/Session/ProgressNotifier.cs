using System;
using System.Threading;

namespace SourceGenSync.Sync;

/// <summary>
/// One progress registration. Reports are clamped so that within a registration transferred and transferable never
/// go down and transferred never exceeds transferable; a <see cref="ProgressMode.ForCurrentlyOutstandingWork"/>
/// registration ends with one report of transferred == transferable, then stops.
/// </summary>
internal sealed class ProgressNotifier
{
    private readonly Action<SyncProgress> _callback;
    private readonly Action? _completed;
    private readonly Lock _gate = new();
    private ulong _transferred;
    private ulong _transferable;
    private bool _reportedOnce;

    public ProgressNotifier(Action<SyncProgress> callback, ProgressDirection direction, ProgressMode mode, Action? completed)
    {
        _callback = callback;
        Direction = direction;
        Mode = mode;
        _completed = completed;
    }

    public ProgressDirection Direction { get; }

    public ProgressMode Mode { get; }

    /// <summary>For outstanding-work uploads: the client version that must be acknowledged.</summary>
    public long TargetVersion { get; init; }

    /// <summary>For outstanding-work downloads: the Mark whose reply ends the registration.</summary>
    public long MarkId { get; init; }

    /// <summary>For outstanding-work registrations: the session's transferred counter at registration.</summary>
    public ulong Baseline { get; init; }

    /// <summary>For outstanding-work uploads: the bytes pending at registration (later commits are not this registration's work).</summary>
    public ulong Cap { get; init; } = ulong.MaxValue;

    public bool IsFinished { get; private set; }

    /// <summary>Reports session-wide counters (the registration subtracts its baseline in outstanding mode).</summary>
    public void Report(ulong transferred, ulong transferable, bool complete)
    {
        if (Mode == ProgressMode.ForCurrentlyOutstandingWork)
        {
            transferred = transferred > Baseline ? transferred - Baseline : 0;
            transferable = transferable > Baseline ? transferable - Baseline : 0;
            transferable = Math.Min(transferable, Cap);
            transferred = Math.Min(transferred, transferable);
        }

        SyncProgress progress;
        lock (_gate)
        {
            if (IsFinished)
            {
                return;
            }

            var newTransferable = Math.Max(_transferable, transferable);
            var newTransferred = Math.Min(Math.Max(_transferred, transferred), newTransferable);
            if (complete)
            {
                newTransferable = Math.Max(newTransferable, newTransferred);
                newTransferred = newTransferable;
            }

            if (_reportedOnce && newTransferred == _transferred && newTransferable == _transferable && !(complete && Mode == ProgressMode.ForCurrentlyOutstandingWork))
            {
                return;
            }

            _transferred = newTransferred;
            _transferable = newTransferable;
            _reportedOnce = true;
            if (complete && Mode == ProgressMode.ForCurrentlyOutstandingWork)
            {
                IsFinished = true;
            }

            progress = new SyncProgress(newTransferred, newTransferable, newTransferable == 0 ? 1.0 : (double)newTransferred / newTransferable);
        }

        try
        {
            _callback(progress);
        }
        catch (Exception)
        {
            // A user's callback failed: progress reporting to it and the session continue.
        }

        if (IsFinished)
        {
            _completed?.Invoke();
        }
    }
}
