using System;
using System.IO;
using System.Threading.Tasks;
using SourceGenSync.Internal.Sync;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Sync.Tests.Infrastructure;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>
/// Client reset in every mode. It is provoked the way a restored server provokes it: the file's download cursor is
/// ahead of the server's history, which the server answers with CLIENT_RESET_REQUIRED at Bind (protocol §4).
/// </summary>
public sealed class ClientResetTests
{
    /// <summary>Moves the paused realm's cursor past the server's head through the file's sync state.</summary>
    private static void MoveCursorPastTheServer(Realm realm)
    {
        Assert.Equal(SessionState.Inactive, realm.SyncSession.State);
        using var store = SyncStateStore.Open(realm.Config);
        var state = store.ReadState();
        store.Integrate([new Download { ServerVersion = state.DownloadCursor + 1000, UploadAck = state.UploadAck, LastInBatch = true }]);
    }

    /// <summary>A and B share "synced"; A then writes "unsynced" while paused and its cursor is moved past the server.</summary>
    private static async Task<Realm> PrepareAsync(Device a, Realm realmB, ClientResetHandlerBase handler)
    {
        var realmA = Realm.Open(new SyncConfiguration(a.User) { ObjectClasses = Device.Classes, ClientResetHandler = handler });
        AddItem(realmA, "synced");
        await SyncAllAsync(realmA, realmB);
        realmA.SyncSession.Pause();
        AddItem(realmA, "unsynced");
        MoveCursorPastTheServer(realmA);
        return realmA;
    }

    [Fact]
    public async Task Discard_mode_drops_unsynced_changes_calls_both_callbacks_and_keeps_a_backup()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        string[]? before = null, beforeInAfter = null, after = null;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DiscardUnsyncedChangesHandler
        {
            OnBeforeReset = frozen => before = Names(frozen),
            OnAfterReset = (frozen, live) =>
            {
                beforeInAfter = Names(frozen);
                after = Names(live);
                done.TrySetResult();
            },
        };
        using var realmA = await PrepareAsync(a, realmB, handler);

        realmA.SyncSession.Resume();
        await done.Task.WaitAsync(Deadline);

        Assert.Equal(["synced", "unsynced"], before!);
        Assert.Equal(["synced", "unsynced"], beforeInAfter!);
        Assert.Equal(["synced"], after!);
        await SyncAllAsync(realmA, realmB);
        Assert.Equal(["synced"], Names(realmA));
        Assert.Equal(["synced"], Names(realmB));
        Assert.Single(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(realmA.Config.DatabasePath)!, "recovered-realms"), "*.realm"));
        AddItem(realmA, "after the reset");
        await SyncAllAsync(realmA, realmB);
        Assert.Equal(["after the reset", "synced"], Names(realmB));
    }

    [Fact]
    public async Task Recover_mode_reapplies_unsynced_changes_and_uploads_them()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        string[]? after = null;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecoverUnsyncedChangesHandler
        {
            OnAfterReset = (_, live) =>
            {
                after = Names(live);
                done.TrySetResult();
            },
        };
        using var realmA = await PrepareAsync(a, realmB, handler);

        realmA.SyncSession.Resume();
        await done.Task.WaitAsync(Deadline);

        Assert.Equal(["synced", "unsynced"], after!);
        await SyncAllAsync(realmA, realmB);
        Assert.Equal(["synced", "unsynced"], Names(realmA));
        Assert.Equal(["synced", "unsynced"], Names(realmB));
    }

    [Fact]
    public async Task RecoverOrDiscard_is_the_default_and_recovers_with_OnAfterRecovery()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        Assert.IsType<RecoverOrDiscardUnsyncedChangesHandler>(a.Config().ClientResetHandler);
        var calls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecoverOrDiscardUnsyncedChangesHandler
        {
            OnBeforeReset = _ => calls.Enqueue("before"),
            OnAfterRecovery = (_, _) =>
            {
                calls.Enqueue("recovery");
                done.TrySetResult();
            },
            OnAfterDiscard = (_, _) => calls.Enqueue("discard"),
        };
        using var realmA = await PrepareAsync(a, realmB, handler);

        realmA.SyncSession.Resume();
        await done.Task.WaitAsync(Deadline);

        Assert.Equal(["before", "recovery"], calls.ToArray());
        await SyncAllAsync(realmA, realmB);
        Assert.Equal(["synced", "unsynced"], Names(realmB));
    }

    [Fact]
    public async Task Manual_mode_hands_the_reset_to_the_app_which_performs_it_once_the_realm_is_closed()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        var reset = new TaskCompletionSource<ClientResetException>(TaskCreationOptions.RunContinuationsAsynchronously);
        var realmA = await PrepareAsync(a, realmB, new ManualRecoveryHandler(e => reset.TrySetResult(e)));
        var path = realmA.Config.DatabasePath;

        realmA.SyncSession.Resume();
        var error = await reset.Task.WaitAsync(Deadline);

        Assert.Equal(SyncErrorCode.ClientResetRequired, error.ServerCode);
        Assert.Equal(SessionState.Invalid, realmA.SyncSession.State);
        await Assert.ThrowsAsync<ClientResetException>(() => realmA.SyncSession.WaitForUploadAsync(Deadline));
        Assert.False(error.InitiateClientReset());
        realmA.Dispose();
        Assert.True(error.InitiateClientReset());
        Assert.True(File.Exists(error.BackupFilePath));
        Assert.False(File.Exists(path));

        using var fresh = await Realm.OpenAsync(a.Config());
        Assert.Equal(["synced"], Names(fresh));
        using var backup = Realm.Open(new RealmConfiguration(error.BackupFilePath) { ObjectClasses = Device.Classes });
        Assert.Equal(["synced", "unsynced"], Names(backup));
    }

    [Fact]
    public async Task A_failing_automatic_reset_falls_back_to_the_manual_callback()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmB = b.Open();
        var fallback = new TaskCompletionSource<ClientResetException>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DiscardUnsyncedChangesHandler
        {
            OnBeforeReset = _ => throw new InvalidOperationException("the app refuses"),
            ManualResetFallback = e => fallback.TrySetResult(e),
        };
        using var realmA = await PrepareAsync(a, realmB, handler);

        realmA.SyncSession.Resume();
        var error = await fallback.Task.WaitAsync(Deadline);

        Assert.Contains("the app refuses", error.Message);
        Assert.Equal(SessionState.Invalid, realmA.SyncSession.State);
        Assert.Equal(["synced", "unsynced"], Names(realmA));
    }

    [Fact]
    public async Task Restoring_the_server_from_an_older_backup_resets_a_client_that_synced_after_it()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var b = await Device.CreateAsync(server);
        using (var realmB = b.Open())
        {
            AddItem(realmB, "before the backup");
            await SyncAllAsync(realmB);
        }

        await server.StopAsync();
        var backup = server.DataPath + "-backup";
        CopyFolder(server.DataPath, backup);
        await server.RestartAsync();

        await using var a = await Device.CreateAsync(server);
        string[]? after = null;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new SyncConfiguration(a.User)
        {
            ObjectClasses = Device.Classes,
            ClientResetHandler = new DiscardUnsyncedChangesHandler
            {
                OnAfterReset = (_, live) =>
                {
                    after = Names(live);
                    done.TrySetResult();
                },
            },
        };
        using var realmA = Realm.Open(config);
        AddItem(realmA, "lost with the restore");
        await SyncAllAsync(realmA);
        Assert.Equal(["before the backup", "lost with the restore"], Names(realmA));

        await server.StopAsync();
        Directory.Delete(server.DataPath, recursive: true);
        CopyFolder(backup, server.DataPath);
        Directory.Delete(backup, recursive: true);
        await server.RestartAsync();

        await done.Task.WaitAsync(Deadline);
        Assert.Equal(["before the backup"], after!);
        await SyncAllAsync(realmA);
        Assert.Equal(["before the backup"], Names(realmA));
        Assert.Equal(SessionState.Active, realmA.SyncSession.State);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
