using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>Every wait ends: true on success, false on timeout, OperationCanceledException on cancellation, SessionException on a fatal error.</summary>
public sealed class WaitTests
{
    [Fact]
    public async Task WaitForUpload_completes_when_the_server_acknowledged_every_local_change()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();
        for (var i = 0; i < 20; i++)
        {
            AddItem(realmA, $"item {i:00}");
        }

        Assert.True(await realmA.SyncSession.WaitForUploadAsync(Deadline));

        // Acknowledged means integrated on the server: a device that asks now gets all of it.
        Assert.True(await realmB.SyncSession.WaitForDownloadAsync(Deadline));
        realmB.Refresh();
        Assert.Equal(20, Names(realmB).Length);
    }

    [Fact]
    public async Task Waits_with_nothing_to_do_complete_at_once()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();

        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
        Assert.True(await realm.SyncSession.WaitForDownloadAsync(Deadline));
    }

    [Fact]
    public async Task WaitForUpload_times_out_with_false_while_paused_and_completes_after_resume()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        realm.SyncSession.Pause();
        AddItem(realm, "pending");

        Assert.False(await realm.SyncSession.WaitForUploadAsync(TimeSpan.FromMilliseconds(200)));

        var wait = realm.SyncSession.WaitForUploadAsync(Deadline);
        realm.SyncSession.Resume();
        Assert.True(await wait);
    }

    [Fact]
    public async Task WaitForDownload_times_out_with_false_when_the_server_is_down()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        await SyncAllAsync(realm);
        await server.StopAsync();

        Assert.False(await realm.SyncSession.WaitForDownloadAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Cancelled_waits_throw_OperationCanceledException_and_the_transfer_continues()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        realm.SyncSession.Pause();
        AddItem(realm, "pending");
        using var cancel = new CancellationTokenSource();

        var upload = realm.SyncSession.WaitForUploadAsync(cancel.Token);
        var download = realm.SyncSession.WaitForDownloadAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => realm.SyncSession.WaitForUploadAsync(cancel.Token));
        realm.SyncSession.Resume();
        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
    }

    [Fact]
    public async Task A_fatal_server_error_fails_waits_with_SessionException_makes_the_session_Invalid_and_reaches_OnSessionError()
    {
        // Outside development mode the server refuses a schema it does not know: BAD_SCHEMA, action FATAL.
        await using var server = await SyncTestServer.StartAsync("--Server:DevelopmentMode=false");
        await using var a = await Device.CreateAsync(server);
        var reported = new TaskCompletionSource<SessionException>(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new SyncConfiguration(a.User)
        {
            ObjectClasses = Device.Classes,
            OnSessionError = (_, error) => reported.TrySetResult(error),
        };
        using var realm = Realm.Open(config);
        AddItem(realm, "never uploaded");

        var error = await Assert.ThrowsAsync<SessionException>(() => realm.SyncSession.WaitForUploadAsync(Deadline));

        Assert.Equal(SyncErrorCode.BadSchema, error.ServerCode);
        Assert.True(error.IsFatal);
        Assert.Equal(SessionState.Invalid, realm.SyncSession.State);
        Assert.Equal(SyncErrorCode.BadSchema, (await reported.Task.WaitAsync(Deadline)).ServerCode);
        await Assert.ThrowsAsync<SessionException>(() => realm.SyncSession.WaitForDownloadAsync(Deadline));
    }

    [Fact]
    public async Task With_CancelAsyncOperationsOnNonFatalErrors_a_lost_connection_fails_waits_with_a_non_fatal_SessionException()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = Realm.Open(new SyncConfiguration(a.User) { ObjectClasses = Device.Classes, CancelAsyncOperationsOnNonFatalErrors = true });
        await SyncAllAsync(realm);
        await server.StopAsync();
        AddItem(realm, "cannot upload");

        var error = await Assert.ThrowsAsync<SessionException>(() => realm.SyncSession.WaitForUploadAsync(Deadline));

        Assert.False(error.IsFatal);
        Assert.Null(error.ServerCode);
        Assert.Equal(SessionState.Active, realm.SyncSession.State);
    }

    [Fact]
    public async Task Without_CancelAsyncOperationsOnNonFatalErrors_a_wait_outlives_a_server_restart()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        await SyncAllAsync(realm);
        await server.StopAsync();
        AddItem(realm, "uploaded after the restart");
        var wait = realm.SyncSession.WaitForUploadAsync(Deadline);
        await Eventually.WaitAsync(() => realm.SyncSession.ConnectionState != ConnectionState.Connected, "the session notices the server is gone");

        await server.RestartAsync();

        Assert.True(await wait);
    }
}
