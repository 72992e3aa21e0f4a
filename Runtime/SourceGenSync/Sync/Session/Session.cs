using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Internal.Sync;

namespace SourceGenSync.Sync;

/// <summary>
/// The sync session of one realm file (<c>realm.SyncSession</c>): every realm instance on the file shares it. It
/// uploads local commits and integrates the server's changes in the background, reconnecting with backoff; it can be
/// paused and resumed, waited on, and observed (state, connection state, progress).
/// </summary>
/// <remarks>
/// Events (<see cref="ConnectionStateChanged"/>, <see cref="PropertyChanged"/>) are raised in order on the
/// synchronization context of the realm that opened the session when it had one, else on the thread pool.
/// Progress callbacks run on the session's worker: keep them short.
/// </remarks>
public sealed partial class Session : INotifyPropertyChanged
{
    private readonly SerialDispatcher _events;

    internal Session(SyncSessionRegistry registry, SyncConfiguration configuration, SynchronizationContext? context)
    {
        _registry = registry;
        Configuration = configuration;
        _events = new SerialDispatcher(context);
        _backoff = new ReconnectBackoff(registry.App.Configuration.ReconnectBackoff);
    }

    /// <summary>Active, Dying, Inactive (paused, stopped or logged out) or Invalid (a fatal error).</summary>
    public SessionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Whether the session is connected to the server right now.</summary>
    public ConnectionState ConnectionState
    {
        get
        {
            lock (_gate)
            {
                return _connectionState;
            }
        }
    }

    /// <summary><see cref="ConnectionState"/> is <see cref="Sync.ConnectionState.Connected"/>.</summary>
    public bool IsConnected => ConnectionState == ConnectionState.Connected;

    /// <summary>The user the session authenticates as.</summary>
    public User User => Configuration.User;

    /// <summary>The server's base address.</summary>
    public Uri ServerUri => _registry.App.Configuration.BaseUri;

    /// <summary>The configuration the session was opened with.</summary>
    public SyncConfiguration Configuration { get; }

    /// <summary>The realm file this session syncs.</summary>
    public string Path => Configuration.DatabasePath;

    /// <summary>Raised when <see cref="ConnectionState"/> changes (with the old and the new state).</summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>Raised for <see cref="State"/>, <see cref="ConnectionState"/> and <see cref="IsConnected"/>.</summary>
    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>
    /// Stops syncing this session (both directions; other sessions carry on). Local writes keep working and are
    /// uploaded after <see cref="Resume"/>. Idempotent.
    /// </summary>
    public void Pause()
    {
        lock (_gate)
        {
            if (_paused || _dead)
            {
                return;
            }

            _paused = true;
            _ = _dyingCancel?.CancelAsync();
            StopLoopLocked();
            if (_state != SessionState.Invalid)
            {
                SetStateLocked(SessionState.Inactive);
            }
        }

        _registry.Forget(this, onlyIfUnused: true);
    }

    /// <summary>Resumes a paused session and connects at once (no backoff wait). Idempotent.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            if (!_paused || _dead)
            {
                return;
            }

            _paused = false;
            if (User.State != UserState.LoggedIn)
            {
                return;
            }

            _fatalError = null;
            _backoff.Reset();
            StartLoopLocked();
            SetStateLocked(SessionState.Active);
        }
    }

    /// <summary>Waits until everything committed locally before the call is acknowledged by the server.</summary>
    /// <returns>True when acknowledged; false when <paramref name="timeout"/> elapsed first (the upload continues).</returns>
    /// <exception cref="SessionException">The session stopped with a fatal error (or a non-fatal one, with <see cref="SyncConfiguration.CancelAsyncOperationsOnNonFatalErrors"/>).</exception>
    public Task<bool> WaitForUploadAsync(TimeSpan timeout) => WithTimeout(WaitForUploadAsync, timeout);

    /// <summary>Waits until everything committed locally before the call is acknowledged by the server.</summary>
    /// <returns>True when acknowledged.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the upload continues).</exception>
    /// <exception cref="SessionException">The session stopped with a fatal error (or a non-fatal one, with <see cref="SyncConfiguration.CancelAsyncOperationsOnNonFatalErrors"/>).</exception>
    public Task<bool> WaitForUploadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (StoppedError() is { } stopped)
        {
            return Task.FromException<bool>(stopped);
        }

        long target;
        try
        {
            target = StoreForReads().LatestLocalClientVersion();
        }
        catch (ObjectDisposedException)
        {
            return Task.FromException<bool>(StoppedError() ?? new SessionException($"The session of '{Path}' has stopped: open the realm again to sync it."));
        }

        Waiter waiter;
        lock (_gate)
        {
            if (target <= _uploadAck)
            {
                return Task.FromResult(true);
            }

            waiter = new Waiter(target);
            _uploadWaiters.Add(waiter);
        }

        return waiter.WaitAsync(cancellationToken, () => Remove(_uploadWaiters, waiter));
    }

    /// <summary>Waits until everything the server had at the call is downloaded and integrated locally.</summary>
    /// <returns>True when done; false when <paramref name="timeout"/> elapsed first (the download continues).</returns>
    /// <exception cref="SessionException">The session stopped with a fatal error (or a non-fatal one, with <see cref="SyncConfiguration.CancelAsyncOperationsOnNonFatalErrors"/>).</exception>
    public Task<bool> WaitForDownloadAsync(TimeSpan timeout) => WithTimeout(WaitForDownloadAsync, timeout);

    /// <summary>Waits until everything the server had at the call is downloaded and integrated locally.</summary>
    /// <returns>True when done.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the download continues).</exception>
    /// <exception cref="SessionException">The session stopped with a fatal error (or a non-fatal one, with <see cref="SyncConfiguration.CancelAsyncOperationsOnNonFatalErrors"/>).</exception>
    public Task<bool> WaitForDownloadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (StoppedError() is { } stopped)
        {
            return Task.FromException<bool>(stopped);
        }

        Waiter waiter;
        lock (_gate)
        {
            waiter = new Waiter(++_lastMarkId);
            _downloadWaiters.Add(waiter);
            _connection?.RequestMark(waiter.Target);
        }

        return waiter.WaitAsync(cancellationToken, () => Remove(_downloadWaiters, waiter));
    }

    /// <summary>
    /// Reports transfer progress in one direction. <see cref="ProgressMode.ReportIndefinitely"/> reports until the
    /// result is disposed; <see cref="ProgressMode.ForCurrentlyOutstandingWork"/> ends (with transferred ==
    /// transferable) once the work known at registration is done: for uploads, what was committed locally; for
    /// downloads, what the server had.
    /// </summary>
    /// <returns>Dispose it to unregister.</returns>
    public IDisposable RegisterProgressNotifier(Action<SyncProgress> callback, ProgressDirection direction, ProgressMode mode)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var notifier = AddNotifier(callback, direction, mode, completed: null);
        return new ActionDisposable(() => RemoveNotifier(notifier));
    }

    /// <summary>Progress as an observable: each subscription is a registration; outstanding-work mode completes when done.</summary>
    public IObservable<SyncProgress> GetProgressObservable(ProgressDirection direction, ProgressMode mode) =>
        new DelegateObservable<SyncProgress>(observer =>
        {
            var notifier = AddNotifier(observer.OnNext, direction, mode, observer.OnCompleted);
            return new ActionDisposable(() => RemoveNotifier(notifier));
        });

    /// <summary>Connection state changes as an observable.</summary>
    public IObservable<ConnectionStateChangedEventArgs> GetConnectionStateObservable() =>
        new DelegateObservable<ConnectionStateChangedEventArgs>(observer =>
        {
            EventHandler<ConnectionStateChangedEventArgs> handler = (_, e) => observer.OnNext(e);
            ConnectionStateChanged += handler;
            return new ActionDisposable(() => ConnectionStateChanged -= handler);
        });

    public override string ToString() => $"Session {Path} ({State}, {ConnectionState})";

    private static async Task<bool> WithTimeout(Func<CancellationToken, Task<bool>> wait, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await wait(CancellationToken.None).ConfigureAwait(false);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await wait(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Remove(List<Waiter> list, Waiter waiter)
    {
        lock (_gate)
        {
            list.Remove(waiter);
        }
    }

    /// <summary>Why waits cannot complete: a fatal error, or the session has stopped for good (closed, logged out, App disposed).</summary>
    private SessionException? StoppedError()
    {
        lock (_gate)
        {
            return _fatalError ?? (_dead ? new SessionException($"The session of '{Path}' has stopped (its realm was closed, its user logged out or its App disposed): open the realm again to sync it.") : null);
        }
    }

    private SyncStateStore StoreForReads()
    {
        lock (_gate)
        {
            return _store ?? throw new ObjectDisposedException(nameof(Session), $"The session of '{Path}' has stopped: open the realm again to sync it.");
        }
    }

    /// <summary>A pending wait: completes with true when the session reaches <see cref="Target"/> (an ack or a Mark id).</summary>
    private sealed class Waiter(long target)
    {
        private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Target { get; } = target;

        public void Succeed() => _completion.TrySetResult(true);

        public void Fail(Exception error) => _completion.TrySetException(error);

        public async Task<bool> WaitAsync(CancellationToken cancellationToken, Action remove)
        {
            try
            {
                return await _completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                remove();
            }
        }
    }
}
