using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Sync;

// Progress accounting and what the connection tells the session. Session-wide counters: bytes uploaded and
// acknowledged, bytes downloaded, and the server's downloadable bytes still to come; upload transferable adds the
// pending local bytes (SyncStateStore.PendingUploadBytes). Notifiers clamp and finish on their own.
public sealed partial class Session
{
    private readonly List<ProgressNotifier> _notifiers = [];
    private ulong _uploadedBytes;
    private ulong _downloadedBytes;
    private ulong _downloadRemaining;

    private ProgressNotifier AddNotifier(Action<SyncProgress> callback, ProgressDirection direction, ProgressMode mode, Action? completed)
    {
        ProgressNotifier? notifier = null;
        var whenDone = () =>
        {
            RemoveNotifier(notifier!);
            completed?.Invoke();
        };
        var outstanding = mode == ProgressMode.ForCurrentlyOutstandingWork;
        Internal.Sync.SyncStateStore? store;
        long ack;
        lock (_gate)
        {
            store = _store;
            ack = _uploadAck;
        }

        // Measured before the registration is visible; a commit in between only makes transferable larger later.
        var target = direction == ProgressDirection.Upload && outstanding && store is not null ? store.LatestLocalClientVersion() : 0;
        var pendingBytes = direction == ProgressDirection.Upload && store is not null ? (ulong)Math.Max(0, store.PendingUploadBytes(ack)) : 0;
        lock (_gate)
        {
            if (direction == ProgressDirection.Upload)
            {
                notifier = new ProgressNotifier(callback, direction, mode, whenDone)
                {
                    TargetVersion = target,
                    Baseline = outstanding ? _uploadedBytes : 0,
                    Cap = outstanding ? pendingBytes : ulong.MaxValue,
                };
            }
            else
            {
                notifier = new ProgressNotifier(callback, direction, mode, whenDone)
                {
                    MarkId = outstanding ? ++_lastMarkId : 0,
                    Baseline = outstanding ? _downloadedBytes : 0,
                };
                if (outstanding)
                {
                    _connection?.RequestMark(notifier.MarkId);
                }
            }

            _notifiers.Add(notifier);
        }

        // The first report tells where things stand (and ends an outstanding upload registration with nothing to do).
        if (direction == ProgressDirection.Upload)
        {
            ReportUploadProgress(notifier);
        }
        else
        {
            ulong downloaded;
            ulong remaining;
            lock (_gate)
            {
                downloaded = _downloadedBytes;
                remaining = _downloadRemaining;
            }

            notifier.Report(downloaded, downloaded + remaining, complete: !outstanding && remaining == 0 && downloaded > 0);
        }

        return notifier;
    }

    private void RemoveNotifier(ProgressNotifier notifier)
    {
        lock (_gate)
        {
            _notifiers.Remove(notifier);
        }
    }

    private bool HasNotifiers(ProgressDirection direction)
    {
        lock (_gate)
        {
            return _notifiers.Exists(n => n.Direction == direction);
        }
    }

    private ProgressNotifier[] Notifiers(ProgressDirection direction)
    {
        lock (_gate)
        {
            return _notifiers.Where(n => n.Direction == direction).ToArray();
        }
    }

    /// <summary>Mark ids the server must answer on a new stream: pending download waits and outstanding download notifiers.</summary>
    internal long[] PendingMarks()
    {
        lock (_gate)
        {
            return _downloadWaiters.Select(w => w.Target)
                .Concat(_notifiers.Where(n => n.MarkId != 0).Select(n => n.MarkId))
                .Order().ToArray();
        }
    }

    internal long NextMarkId()
    {
        lock (_gate)
        {
            return ++_lastMarkId;
        }
    }

    internal void OnConnected() => SetConnectionState(ConnectionState.Connected);

    /// <summary>The server acknowledged client versions up to <paramref name="ack"/> (<paramref name="bytes"/> of them sent by this session).</summary>
    internal void OnUploadAcknowledged(long ack, long bytes)
    {
        List<Waiter> done;
        lock (_gate)
        {
            _uploadAck = Math.Max(_uploadAck, ack);
            _uploadedBytes += (ulong)Math.Max(0, bytes);
            done = _uploadWaiters.Where(w => w.Target <= _uploadAck).ToList();
            _uploadWaiters.RemoveAll(done.Contains);
        }

        foreach (var waiter in done)
        {
            waiter.Succeed();
        }

        ReportUploadProgress();
    }

    internal void ReportUploadProgress(ProgressNotifier? only = null)
    {
        var notifiers = only is null ? Notifiers(ProgressDirection.Upload) : [only];
        if (notifiers.Length == 0)
        {
            return;
        }

        ulong pending;
        ulong uploaded;
        long ack;
        Internal.Sync.SyncStateStore? store;
        lock (_gate)
        {
            store = _store;
            ack = _uploadAck;
            uploaded = _uploadedBytes;
        }

        try
        {
            pending = store is null ? 0 : (ulong)Math.Max(0, store.PendingUploadBytes(ack));
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        foreach (var notifier in notifiers)
        {
            var complete = notifier.Mode == ProgressMode.ForCurrentlyOutstandingWork ? notifier.TargetVersion <= ack : pending == 0;
            notifier.Report(uploaded, uploaded + pending, complete);
        }
    }

    /// <summary>A Download message arrived with <paramref name="bytes"/> of changesets and <paramref name="remaining"/> bytes still to come in its batch.</summary>
    internal void OnDownloadMessage(long bytes, long remaining)
    {
        ulong downloaded;
        ulong transferable;
        lock (_gate)
        {
            _downloadedBytes += (ulong)Math.Max(0, bytes);
            _downloadRemaining = (ulong)Math.Max(0, remaining);
            downloaded = _downloadedBytes;
            transferable = downloaded + _downloadRemaining;
        }

        foreach (var notifier in Notifiers(ProgressDirection.Download))
        {
            notifier.Report(downloaded, transferable, complete: false);
        }
    }

    /// <summary>A batch was integrated (its last message carried <paramref name="lastBytes"/>): nothing more is known to be coming.</summary>
    internal void OnBatchIntegrated(long lastBytes)
    {
        ulong downloaded;
        lock (_gate)
        {
            _downloadedBytes += (ulong)Math.Max(0, lastBytes);
            _downloadRemaining = 0;
            downloaded = _downloadedBytes;
        }

        foreach (var notifier in Notifiers(ProgressDirection.Download))
        {
            notifier.Report(downloaded, downloaded, complete: notifier.Mode == ProgressMode.ReportIndefinitely);
        }
    }

    /// <summary>The server answered Mark <paramref name="id"/>: everything it had when the Mark arrived is integrated.</summary>
    internal void OnMarkReply(long id)
    {
        List<Waiter> done;
        ulong downloaded;
        lock (_gate)
        {
            done = _downloadWaiters.Where(w => w.Target <= id).ToList();
            _downloadWaiters.RemoveAll(done.Contains);
            downloaded = _downloadedBytes;
        }

        foreach (var waiter in done)
        {
            waiter.Succeed();
        }

        foreach (var notifier in Notifiers(ProgressDirection.Download))
        {
            if (notifier.MarkId != 0 && notifier.MarkId <= id)
            {
                notifier.Report(downloaded, downloaded, complete: true);
            }
        }
    }
}
