using System;
using System.Globalization;
using System.Threading;
using SourceGenSync.Internal.Sync;

namespace SourceGenSync.Sync;

// Client reset (docs/protocol.md §7–8, action CLIENT_RESET): back up the file, call OnBeforeReset with the old state
// frozen, start the file over (keeping unsynced changes for recovery unless discarding), rebind as a fresh file,
// and once the server's state is integrated re-apply the kept changes and call the after-callback. Recover-or-discard
// (the default) discards the unsynced changes when they cannot be kept or re-applied, and calls OnAfterDiscard.
// Manual mode, and any other failure (a discard that fails too, a callback that throws), stop the session and hand a
// ClientResetException to the app.
public sealed partial class Session
{
    private PendingReset? _pendingReset;

    /// <summary>Starts a client reset; true when the session should reconnect at once as a fresh file.</summary>
    private bool StartClientReset(ServerSyncErrorException error, SyncStateStore store)
    {
        var handler = Configuration.ClientResetHandler;
        var backupPath = BackupPathFor(Path);
        var message = $"The server requires a client reset of '{Path}' ({error.Code}: {error.ServerMessage}).";
        if (handler is ManualRecoveryHandler manual)
        {
            var reset = new ClientResetException(message + " Close every instance of the realm and call InitiateClientReset(), or restart the app.", Path, backupPath, error.Code, error, this);
            Stop(reset);
            ThreadPool.QueueUserWorkItem(_ => Invoke(() => manual.OnClientReset(reset)));
            return false;
        }

        Realm? before = null;
        try
        {
            store.Backup(backupPath);
            before = Realm.OpenWithoutSession(new RealmConfiguration(backupPath) { Schema = Configuration.Schema });
            var beforeFrozen = before.Freeze();
            BeforeCallback(handler)?.Invoke(beforeFrozen);
            var discarded = handler.Mode == ClientResetMode.Discard;
            try
            {
                store.ResetForFreshFile(keepUnsyncedForRecovery: !discarded);
            }
            catch (Exception keepFailure) when (handler.Mode == ClientResetMode.RecoverOrDiscard && keepFailure is not ObjectDisposedException)
            {
                // The unsynced changes could not even be kept for recovery (the transaction rolled back): discard them.
                store.ResetForFreshFile(keepUnsyncedForRecovery: false);
                discarded = true;
            }

            lock (_gate)
            {
                _uploadAck = 0;
                _pendingReset = new PendingReset(handler, before, beforeFrozen, backupPath, error, discarded);
            }

            if (discarded)
            {
                // The changes those waits were for are gone: they can never be acknowledged.
                FailUploadWaits(new SessionException(message + " Unsynced changes were discarded.", error.Code, SyncErrorAction.ClientReset, isFatal: false, error));
            }

            return true;
        }
        catch (Exception e)
        {
            before?.Dispose();
            Fallback(handler, message, backupPath, error, e);
            return false;
        }
    }

    /// <summary>The fresh file has integrated the server's state: finish a client reset if one is half-way.</summary>
    internal void OnBootstrapped(SyncStateStore store)
    {
        if (!store.ReadState().ResetPending)
        {
            return;
        }

        PendingReset? pending;
        lock (_gate)
        {
            pending = _pendingReset;
            _pendingReset = null;
        }

        // A reset interrupted by a restart has no pending record (and no callbacks): the configured handler decides.
        var mode = pending?.Handler.Mode ?? Configuration.ClientResetHandler.Mode;
        try
        {
            var discarded = pending?.Discarded ?? false;
            if (!discarded && !TryRecover(store, mode))
            {
                // Recover-or-discard, recovery failed (its transaction rolled back): the discard branch. The changes
                // the pending upload waits were for will never be acknowledged.
                store.DiscardRecovery();
                discarded = true;
                FailUploadWaits(new SessionException($"The client reset of '{Path}' could not recover the unsynced changes; they were discarded.", pending?.Error.Code ?? SyncErrorCode.ClientResetRequired, SyncErrorAction.ClientReset, isFatal: false, pending?.Error));
            }
            else if (discarded)
            {
                store.DiscardRecovery();
            }

            if (pending is null)
            {
                return;
            }

            using var after = Realm.OpenWithoutSession(Configuration);
            var callback = discarded && pending.Handler is RecoverOrDiscardUnsyncedChangesHandler recoverOrDiscard
                ? recoverOrDiscard.OnAfterDiscard
                : AfterCallback(pending.Handler);
            callback?.Invoke(pending.BeforeFrozen, after);
        }
        catch (Exception e) when (pending is not null)
        {
            Fallback(pending.Handler, $"The client reset of '{Path}' failed after the server's state was downloaded.", pending.BackupPath, pending.Error, e);
            throw new OperationCanceledException("The client reset failed; the session stopped.", e);
        }
        finally
        {
            pending?.Before.Dispose();
        }
    }

    /// <summary>
    /// Re-applies the kept unsynced changes. False when that failed and the mode allows discarding them instead;
    /// any other failure is thrown (the reset is then left to the app).
    /// </summary>
    private bool TryRecover(SyncStateStore store, ClientResetMode mode)
    {
        try
        {
            store.ApplyRecovery();
            return true;
        }
        catch (Exception e) when (mode == ClientResetMode.RecoverOrDiscard && e is not (ObjectDisposedException or OperationCanceledException))
        {
            return false;
        }
    }

    private void Fallback(ClientResetHandlerBase handler, string message, string backupPath, ServerSyncErrorException error, Exception failure)
    {
        var reset = new ClientResetException($"{message} The automatic reset failed ({failure.Message}); it is left to the app.", Path, backupPath, error.Code, failure, this);
        Stop(reset);
        if (handler.ManualResetFallback is { } fallback)
        {
            ThreadPool.QueueUserWorkItem(_ => Invoke(() => fallback(reset)));
        }
    }

    private void FailUploadWaits(SessionException error)
    {
        Waiter[] waiters;
        lock (_gate)
        {
            waiters = [.. _uploadWaiters];
            _uploadWaiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.Fail(error);
        }
    }

    private static void Invoke(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // The app's callback failed; nothing more to do for it.
        }
    }

    private static BeforeResetCallback? BeforeCallback(ClientResetHandlerBase handler) => handler switch
    {
        DiscardUnsyncedChangesHandler d => d.OnBeforeReset,
        RecoverUnsyncedChangesHandler r => r.OnBeforeReset,
        RecoverOrDiscardUnsyncedChangesHandler rd => rd.OnBeforeReset,
        _ => null,
    };

    private static AfterResetCallback? AfterCallback(ClientResetHandlerBase handler) => handler switch
    {
        DiscardUnsyncedChangesHandler d => d.OnAfterReset,
        RecoverUnsyncedChangesHandler r => r.OnAfterReset,
        RecoverOrDiscardUnsyncedChangesHandler rd => rd.OnAfterRecovery,
        _ => null,
    };

    private static string BackupPathFor(string path)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "recovered-realms");
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        return System.IO.Path.Combine(folder, $"{System.IO.Path.GetFileNameWithoutExtension(path)}-{stamp}-{Guid.NewGuid():N}.realm");
    }

    // Discarded: the unsynced changes were not kept (discard mode, or keeping them for recovery failed).
    private sealed record PendingReset(ClientResetHandlerBase Handler, Realm Before, Realm BeforeFrozen, string BackupPath, ServerSyncErrorException Error, bool Discarded);
}
