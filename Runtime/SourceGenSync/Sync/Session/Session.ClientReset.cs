using System;
using System.Globalization;
using System.Threading;
using SourceGenSync.Internal.Sync;

namespace SourceGenSync.Sync;

// Client reset (docs/protocol.md §7–8, action CLIENT_RESET): back up the file, call OnBeforeReset with the old state
// frozen, start the file over (keeping unsynced changes for recovery unless discarding), rebind as a fresh file,
// and once the server's state is integrated re-apply the kept changes and call the after-callback. Manual mode, and
// any failure, stop the session and hand a ClientResetException to the app.
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
            store.ResetForFreshFile(keepUnsyncedForRecovery: handler.Mode != ClientResetMode.Discard);
            lock (_gate)
            {
                _uploadAck = 0;
                _pendingReset = new PendingReset(handler, before, beforeFrozen, backupPath, error);
            }

            if (handler.Mode == ClientResetMode.Discard)
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

        try
        {
            store.ApplyRecovery();
            if (pending is null)
            {
                return; // a reset interrupted by a restart: finished without callbacks
            }

            using var after = Realm.OpenWithoutSession(Configuration);
            AfterCallback(pending.Handler)?.Invoke(pending.BeforeFrozen, after);
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

    private sealed record PendingReset(ClientResetHandlerBase Handler, Realm Before, Realm BeforeFrozen, string BackupPath, ServerSyncErrorException Error);
}
