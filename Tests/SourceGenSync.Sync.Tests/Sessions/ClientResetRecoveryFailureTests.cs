using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Sync;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Sync.Tests.Infrastructure;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>
/// Recover-or-discard when recovery fails: the unsynced change kept for recovery cannot be decoded (its change-log
/// row was damaged on disk while the session was paused), so re-applying it throws; the handler then discards the
/// unsynced changes, calls OnAfterDiscard, and the file matches the server. The reset itself is provoked as in
/// <see cref="ClientResetTests"/>: the file's download cursor is moved past the server's history.
/// </summary>
public sealed class ClientResetRecoveryFailureTests
{
    [Fact]
    public async Task RecoverOrDiscard_discards_and_calls_OnAfterDiscard_when_the_kept_changes_cannot_be_reapplied()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        var calls = new ConcurrentQueue<string>();
        string[]? before = null, beforeInAfter = null, after = null;
        ClientResetException? fallback = null;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecoverOrDiscardUnsyncedChangesHandler
        {
            OnBeforeReset = frozen =>
            {
                before = Names(frozen);
                calls.Enqueue("before");
            },
            OnAfterRecovery = (_, _) =>
            {
                calls.Enqueue("recovery");
                done.TrySetResult();
            },
            OnAfterDiscard = (frozen, live) =>
            {
                beforeInAfter = Names(frozen);
                after = Names(live);
                calls.Enqueue("discard");
                done.TrySetResult();
            },
            ManualResetFallback = e =>
            {
                fallback = e;
                calls.Enqueue("fallback");
                done.TrySetResult();
            },
        };
        using var realmA = await OpenWithAnUnrecoverableResetAsync(a, realmB, handler);

        realmA.SyncSession.Resume();
        await done.Task.WaitAsync(Deadline);

        Assert.Null(fallback);
        Assert.Equal(["before", "discard"], calls.ToArray());
        Assert.Equal(["synced", "unsynced"], before!);
        Assert.Equal(["synced", "unsynced"], beforeInAfter!);
        Assert.Equal(["synced"], after!);
        Assert.Equal(SessionState.Active, realmA.SyncSession.State);

        // The unsynced change is gone for good: nothing kept for a later recovery, the reset finished, and the realm
        // matches the server (which never saw the change).
        await SyncAllAsync(realmA, realmB);
        Assert.Equal(0, CountKeptForRecovery(realmA.Config.DatabasePath));
        using (var store = SyncStateStore.Open(realmA.Config))
        {
            Assert.False(store.ReadState().ResetPending);
        }

        Assert.Equal(["synced"], Names(realmA));
        Assert.Equal(["synced"], Names(realmB));

        // And the session keeps syncing both ways.
        AddItem(realmA, "after the reset");
        AddItem(realmB, "from B");
        await SyncAllAsync(realmA, realmB);
        Assert.Equal(["after the reset", "from B", "synced"], Names(realmA));
        Assert.Equal(["after the reset", "from B", "synced"], Names(realmB));
    }

    [Fact]
    public async Task An_OnAfterDiscard_that_throws_leaves_the_reset_to_ManualResetFallback()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        var fallback = new TaskCompletionSource<ClientResetException>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecoverOrDiscardUnsyncedChangesHandler
        {
            OnAfterDiscard = (_, _) => throw new InvalidOperationException("the app's OnAfterDiscard failed"),
            ManualResetFallback = e => fallback.TrySetResult(e),
        };
        using var realmA = await OpenWithAnUnrecoverableResetAsync(a, realmB, handler);

        realmA.SyncSession.Resume();
        var error = await fallback.Task.WaitAsync(Deadline);

        Assert.Contains("the app's OnAfterDiscard failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(SessionState.Invalid, realmA.SyncSession.State);
        AssertBackupHoldsBothItems(error);
    }

    [Fact]
    public async Task Recover_mode_does_not_discard_when_recovery_fails_but_leaves_the_reset_to_the_app()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        var afterReset = false;
        var fallback = new TaskCompletionSource<ClientResetException>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecoverUnsyncedChangesHandler
        {
            OnAfterReset = (_, _) => afterReset = true,
            ManualResetFallback = e => fallback.TrySetResult(e),
        };
        using var realmA = await OpenWithAnUnrecoverableResetAsync(a, realmB, handler);

        realmA.SyncSession.Resume();
        var error = await fallback.Task.WaitAsync(Deadline);

        Assert.False(afterReset);
        Assert.Equal(SyncErrorCode.ClientResetRequired, error.ServerCode);
        Assert.Equal(SessionState.Invalid, realmA.SyncSession.State);
        Assert.True(File.Exists(error.BackupFilePath));
        AssertBackupHoldsBothItems(error);
    }

    [Fact]
    public void A_discarding_reset_drops_changes_an_earlier_recovering_reset_kept()
    {
        using var folder = new TestFolder();
        using var realm = OpenLocalWithOneChange(folder);
        var config = realm.Config;
        using var store = SyncStateStore.Open(config);

        store.ResetForFreshFile(keepUnsyncedForRecovery: true);
        Assert.Equal(1, CountKeptForRecovery(config.DatabasePath));
        store.ResetForFreshFile(keepUnsyncedForRecovery: false);

        Assert.Equal(0, CountKeptForRecovery(config.DatabasePath));
        Assert.Equal(0, store.ApplyRecovery());
        realm.Refresh();
        Assert.Empty(Names(realm));
        Assert.False(store.ReadState().ResetPending);
    }

    [Fact]
    public void DiscardRecovery_drops_the_kept_changes_and_finishes_the_reset()
    {
        using var folder = new TestFolder();
        using var realm = OpenLocalWithOneChange(folder);
        var config = realm.Config;
        using var store = SyncStateStore.Open(config);
        store.ResetForFreshFile(keepUnsyncedForRecovery: true);
        Assert.True(store.ReadState().ResetPending);

        Assert.Equal(1, store.DiscardRecovery());

        Assert.Equal(0, CountKeptForRecovery(config.DatabasePath));
        Assert.False(store.ReadState().ResetPending);
        Assert.Equal(0, store.ApplyRecovery());
        realm.Refresh();
        Assert.Empty(Names(realm));
    }

    /// <summary>
    /// Opens A's realm with <paramref name="handler"/>, syncs "synced" to B, then, paused, adds "unsynced", moves the
    /// cursor past the server and damages that unsynced change: resuming triggers a reset whose recovery fails.
    /// </summary>
    private static async Task<Realm> OpenWithAnUnrecoverableResetAsync(Device a, Realm realmB, ClientResetHandlerBase handler)
    {
        var realmA = Realm.Open(new SyncConfiguration(a.User) { ObjectClasses = Device.Classes, ClientResetHandler = handler });
        try
        {
            AddItem(realmA, "synced");
            await SyncAllAsync(realmA, realmB);
            realmA.SyncSession.Pause();
            AddItem(realmA, "unsynced");
            MoveCursorPastTheServer(realmA);
            DamageNewestLocalChangeset(realmA.Config.DatabasePath);
            return realmA;
        }
        catch
        {
            realmA.Dispose();
            throw;
        }
    }

    /// <summary>The backup the reset left holds both items, the unsynced one included.</summary>
    private static void AssertBackupHoldsBothItems(ClientResetException error)
    {
        using var backup = Realm.Open(new RealmConfiguration(error.BackupFilePath) { ObjectClasses = Device.Classes });
        Assert.Equal(["synced", "unsynced"], Names(backup));
    }

    /// <summary>A local realm in <paramref name="folder"/> holding one change never uploaded ("kept for recovery").</summary>
    private static Realm OpenLocalWithOneChange(TestFolder folder)
    {
        var realm = Realm.Open(new RealmConfiguration(Path.Combine(folder.Path, "local.realm")) { ObjectClasses = Device.Classes });
        AddItem(realm, "kept for recovery");
        return realm;
    }

    /// <summary>Moves the paused realm's cursor past the server's head through the file's sync state.</summary>
    private static void MoveCursorPastTheServer(Realm realm)
    {
        Assert.Equal(SessionState.Inactive, realm.SyncSession.State);
        using var store = SyncStateStore.Open(realm.Config);
        var state = store.ReadState();
        store.Integrate([new Download { ServerVersion = state.DownloadCursor + 1000, UploadAck = state.UploadAck, LastInBatch = true }]);
    }

    /// <summary>
    /// Overwrites the instruction bytes of the newest local changeset in the change log (header and magic intact), as
    /// damage on disk would. The row is what the reset keeps for recovery; its body no longer decodes.
    /// </summary>
    private static void DamageNewestLocalChangeset(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT version, data FROM sgs_changesets c WHERE NOT EXISTS (SELECT 1 FROM sgs_sync_downloaded d WHERE d.version = c.version) ORDER BY version DESC LIMIT 1";
        long version;
        byte[] data;
        using (var reader = select.ExecuteReader())
        {
            Assert.True(reader.Read(), "a local changeset exists");
            version = reader.GetInt64(0);
            data = (byte[])reader.GetValue(1);
        }

        for (var i = data.Length / 2; i < data.Length; i++)
        {
            data[i] = 0xFF;
        }

        // What recovery will read: the part re-headed with its client version (checksum recomputed), undecodable.
        Assert.ThrowsAny<Exception>(() => ChangesetCodec.Decode(UploadParts.WithVersion(data, UploadParts.ClientVersion(version, 0))));

        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE sgs_changesets SET data = $data WHERE version = $version";
        update.Parameters.AddWithValue("$data", data);
        update.Parameters.AddWithValue("$version", version);
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    private static long CountKeptForRecovery(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sgs_sync_recovery";
        return (long)command.ExecuteScalar()!;
    }
}
