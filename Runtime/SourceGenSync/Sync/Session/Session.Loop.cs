using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Internal.Sync;

namespace SourceGenSync.Sync;

// The background loop of a running session: connect (SessionConnection) until the connection fails, then decide by
// the failure — reconnect after backoff, at once (fresh token, client reset), or stop (fatal, logged out).
public sealed partial class Session
{
    private void StartLoopLocked()
    {
        var cancel = new CancellationTokenSource();
        _loopCancel = cancel;
        var previous = _loop;
        _wake = NewWake();

        // A loop starts only after the previous one has ended, so two never touch the stream or the store at once.
        _loop = Task.Run(async () =>
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await RunAsync(cancel.Token).ConfigureAwait(false);
        });
    }

    private void StopLoopLocked()
    {
        if (_loopCancel is { } cancel)
        {
            _loopCancel = null;

            // Asynchronously: cancellation callbacks (the loop's continuations) must not run under the session's lock.
            _ = cancel.CancelAsync();
        }
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync(CancellationToken stop)
    {
        var refreshedToken = false;
        while (!stop.IsCancellationRequested)
        {
            SyncStateStore store;
            SessionConnection connection;
            lock (_gate)
            {
                if (_store is null || stop.IsCancellationRequested)
                {
                    break;
                }

                store = _store;
                connection = new SessionConnection(this, store);
                _connection = connection;
            }

            SetConnectionState(ConnectionState.Connecting);
            Exception? failure = null;
            try
            {
                await connection.RunAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Paused, closed or shut down.
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                lock (_gate)
                {
                    _connection = null;
                }

                SetConnectionState(ConnectionState.Disconnected);
            }

            if (connection.WasBound)
            {
                _backoff.Reset();
                refreshedToken = false;
            }

            if (failure is null || stop.IsCancellationRequested)
            {
                break;
            }

            var next = await DecideAsync(failure, store, refreshedToken, stop).ConfigureAwait(false);
            if (next == Next.Stop)
            {
                break;
            }

            refreshedToken = next == Next.RetryNowAfterRefresh;
            if (next == Next.RetryAfterBackoff)
            {
                Task wake;
                lock (_gate)
                {
                    wake = _wake.Task;
                }

                Interlocked.Increment(ref _backoffWaits);

                try
                {
                    await Task.WhenAny(Task.Delay(_backoff.NextDelay(), stop), wake).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                lock (_gate)
                {
                    if (_wake.Task.IsCompleted)
                    {
                        _wake = NewWake();
                    }
                }
            }
        }
    }

    private int _backoffWaits;

    /// <summary>How many times the loop has waited out a reconnect backoff (tests: a failure that repeats is
    /// retried after a delay, never in a hot loop).</summary>
    internal int BackoffWaits => Volatile.Read(ref _backoffWaits);

    private enum Next
    {
        RetryAfterBackoff,
        RetryNow,
        RetryNowAfterRefresh,
        Stop,
    }

    private async Task<Next> DecideAsync(Exception failure, SyncStateStore store, bool refreshedToken, CancellationToken stop)
    {
        switch (failure)
        {
            case ServerSyncErrorException { Action: SyncErrorAction.RefreshToken } when !refreshedToken:
                try
                {
                    await User.RefreshAccessTokenAsync(stop).ConfigureAwait(false);
                    return Next.RetryNowAfterRefresh;
                }
                catch (AppException e) when (e.Code == AppErrorCode.InvalidSession)
                {
                    return Stop(new SessionException($"The access token expired and the refresh token was rejected: log in again. ({e.Message})", SyncErrorCode.TokenExpired, SyncErrorAction.LogOut, isFatal: true, e));
                }
                catch (AppException)
                {
                    return NonFatal(new SessionException("The access token expired and could not be refreshed (the server is unreachable); retrying.", SyncErrorCode.TokenExpired, SyncErrorAction.RefreshToken, isFatal: false, failure));
                }

            case ServerSyncErrorException { Action: SyncErrorAction.ClientReset } reset:
                return StartClientReset(reset, store) ? Next.RetryNow : Next.Stop;

            case ServerSyncErrorException { Action: SyncErrorAction.Transient or SyncErrorAction.RefreshToken } transient:
                return NonFatal(transient.ToSessionException(isFatal: false));

            case ServerSyncErrorException fatal:
                return Stop(fatal.ToSessionException(isFatal: true));

            case AppException { Code: AppErrorCode.InvalidSession } loggedOut:
                return Stop(new SessionException($"The user '{User.Id}' can no longer authenticate: log in again. ({loggedOut.Message})", SyncErrorCode.BadAuthentication, SyncErrorAction.LogOut, isFatal: true, loggedOut));

            default:
                return NonFatal(new SessionException($"The connection to {ServerUri} was lost or could not be made: {failure.Message}. Reconnecting.", null, SyncErrorAction.Transient, isFatal: false, failure));
        }
    }

    private Next NonFatal(SessionException error)
    {
        if (error.ServerCode is not null)
        {
            ReportError(error);
        }

        if (Configuration.CancelAsyncOperationsOnNonFatalErrors)
        {
            FailWaits(error);
        }

        return Next.RetryAfterBackoff;
    }

    private Next Stop(SessionException error)
    {
        lock (_gate)
        {
            _fatalError = error;
            StopLoopLocked();
            SetStateLocked(SessionState.Invalid);
        }

        FailWaits(error);
        ReportError(error);
        return Next.Stop;
    }

    private void ReportError(SessionException error)
    {
        if (Configuration.OnSessionError is { } handler)
        {
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    handler(this, error);
                }
                catch (Exception)
                {
                    // The app's handler failed; the session is not affected.
                }
            });
        }
    }

    internal void FailWaits(SessionException error)
    {
        List<Waiter> waiters;
        lock (_gate)
        {
            waiters = [.. _uploadWaiters, .. _downloadWaiters];
            _uploadWaiters.Clear();
            _downloadWaiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.Fail(error);
        }
    }
}
