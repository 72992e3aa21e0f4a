using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Internal.Sync;

namespace SourceGenSync.Sync;

// The session's life: realm instances acquire and release it, the last release makes it Dying (uploads finish within
// the linger time) and then dead (removed from the registry, its store closed once its loop has ended). Also the
// state and connection-state changes, raised in order through the session's dispatcher.
public sealed partial class Session
{
    private readonly SyncSessionRegistry _registry;
    private readonly Lock _gate = new();
    private readonly ReconnectBackoff _backoff;
    private readonly List<Waiter> _uploadWaiters = [];
    private readonly List<Waiter> _downloadWaiters = [];
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SessionState _state = SessionState.Inactive;
    private ConnectionState _connectionState = ConnectionState.Disconnected;
    private int _instances;
    private bool _paused;
    private bool _dead;
    private SyncStateStore? _store;
    private IDisposable? _commitObserver;
    private CancellationTokenSource? _loopCancel;
    private Task _loop = Task.CompletedTask;
    private TaskCompletionSource _wake = NewWake();
    private CancellationTokenSource? _dyingCancel;
    private SessionConnection? _connection;
    private SessionException? _fatalError;
    private long _uploadAck;
    private long _lastMarkId;

    internal App App => _registry.App;

    /// <summary>Completes once the session has died and closed its connection to the file.</summary>
    internal Task FileReleased => _released.Task;

    internal bool IsDead
    {
        get
        {
            lock (_gate)
            {
                return _dead;
            }
        }
    }

    internal bool IsUnused
    {
        get
        {
            lock (_gate)
            {
                return _instances == 0 && _state != SessionState.Dying;
            }
        }
    }

    /// <summary>A realm instance opened on the file: the session runs (unless paused, invalid or logged out). False when the session already died.</summary>
    internal bool TryAcquire()
    {
        lock (_gate)
        {
            if (_dead)
            {
                return false;
            }

            _instances++;
            _ = _dyingCancel?.CancelAsync();
            _dyingCancel = null;
            if (_store is null)
            {
                _store = SyncStateStore.Open(Configuration);
                _uploadAck = _store.ReadState().UploadAck;
                _commitObserver = RealmCoordinator.ObserveLocalCommits(Path, OnLocalCommit);
                ObserveSubscriptions();
            }

            if (_state == SessionState.Dying)
            {
                SetStateLocked(SessionState.Active);
            }
            else if (!_paused && _state == SessionState.Inactive && User.State == UserState.LoggedIn && _loopCancel is null)
            {
                StartLoopLocked();
                SetStateLocked(SessionState.Active);
            }

            return true;
        }
    }

    /// <summary>A realm instance on the file closed; after the last one the session lingers to finish its uploads.</summary>
    internal void Release()
    {
        CancellationToken dying;
        lock (_gate)
        {
            if (--_instances > 0 || _dead)
            {
                return;
            }

            if (_state != SessionState.Active)
            {
                dying = default;
            }
            else
            {
                SetStateLocked(SessionState.Dying);
                _dyingCancel = new CancellationTokenSource();
                dying = _dyingCancel.Token;
            }
        }

        if (!dying.CanBeCanceled)
        {
            _registry.Forget(this, onlyIfUnused: true);
            return;
        }

        _ = LingerAsync(dying);
    }

    private async Task LingerAsync(CancellationToken dying)
    {
        try
        {
            using var linger = CancellationTokenSource.CreateLinkedTokenSource(dying);
            linger.CancelAfter(App.Configuration.SessionLingerTime);
            await WaitForUploadAsync(linger.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SessionException or ObjectDisposedException)
        {
            // Linger time over, reopened (dying cancelled), or the session failed: decided below.
        }

        if (dying.IsCancellationRequested)
        {
            return;
        }

        lock (_gate)
        {
            if (_state != SessionState.Dying || _instances > 0)
            {
                return;
            }

            StopLoopLocked();
            SetStateLocked(SessionState.Inactive);
        }

        _registry.Forget(this, onlyIfUnused: true);
    }

    /// <summary>Marks the session dead and releases the file once its loop has ended (called by the registry under its lock).</summary>
    internal Task ShutDown(SessionException? failWaitsWith)
    {
        Task loop;
        SyncStateStore? store;
        IDisposable? observer;
        lock (_gate)
        {
            if (_dead)
            {
                return _loop;
            }

            _dead = true;
            _ = _dyingCancel?.CancelAsync();
            StopLoopLocked();
            if (_state is SessionState.Active or SessionState.Dying)
            {
                SetStateLocked(SessionState.Inactive);
            }

            loop = _loop;
            store = _store;
            observer = _commitObserver;
            _store = null;
            _commitObserver = null;
        }

        if (failWaitsWith is not null)
        {
            FailWaits(failWaitsWith);
        }

        observer?.Dispose();
        StopObservingSubscriptions();
        return loop.ContinueWith(
            _ =>
            {
                store?.Dispose();
                _released.TrySetResult();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>The user logged out: stop, and fail waits (they could never complete).</summary>
    internal void StopForLogOut()
    {
        lock (_gate)
        {
            StopLoopLocked();
            if (_state != SessionState.Invalid)
            {
                SetStateLocked(SessionState.Inactive);
            }
        }

        FailWaits(new SessionException($"The user '{User.Id}' logged out: the session of '{Path}' stopped. Log in again and reopen the realm.", isFatal: true));
    }

    /// <summary>App.Sync.Reconnect(): try now, backoff reset.</summary>
    internal void ReconnectNow()
    {
        lock (_gate)
        {
            _backoff.Reset();
            _wake.TrySetResult();
        }
    }

    private void OnLocalCommit()
    {
        SessionConnection? connection;
        lock (_gate)
        {
            connection = _connection;
        }

        connection?.LocalCommitted();

        // Off the committing thread: measuring pending bytes waits for the store, which may be integrating a batch.
        if (HasNotifiers(ProgressDirection.Upload))
        {
            ThreadPool.QueueUserWorkItem(_ => ReportUploadProgress());
        }
    }

    private void SetStateLocked(SessionState state)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        _events.Post(() => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(State))));
    }

    private void SetConnectionState(ConnectionState state)
    {
        ConnectionState old;
        lock (_gate)
        {
            old = _connectionState;
            if (old == state)
            {
                return;
            }

            _connectionState = state;

            // Queued under the lock so handlers see the changes in the order they happened.
            var args = new ConnectionStateChangedEventArgs(old, state);
            _events.Post(() => ConnectionStateChanged?.Invoke(this, args));
            _events.Post(() => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(ConnectionState))));
            if ((old == ConnectionState.Connected) != (state == ConnectionState.Connected))
            {
                _events.Post(() => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(IsConnected))));
            }
        }
    }
}
