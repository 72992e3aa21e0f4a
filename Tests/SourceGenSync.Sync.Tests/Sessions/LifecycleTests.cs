using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>Dying after the last instance closes, linger time, log-out, and an app killed before its uploads finished.</summary>
public sealed class LifecycleTests
{
    private static void AddBlobs(Realm realm, int count, int size)
    {
        realm.Write(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var data = new byte[size];
                Random.Shared.NextBytes(data);
                realm.Add(new Blob { Id = i + 1, Data = data });
            }
        });
    }

    [Fact]
    public async Task Closing_the_last_instance_leaves_the_session_Dying_until_its_uploads_are_acknowledged()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        var realm = a.Open();
        var session = realm.SyncSession;
        realm.SyncSession.Pause();
        AddBlobs(realm, 40, 50_000);
        session.Resume();

        realm.Dispose();

        Assert.Equal(SessionState.Dying, session.State);
        await Eventually.WaitAsync(() => session.State == SessionState.Inactive, "the session stops once its uploads are acknowledged");
        using var realmB = b.Open();
        await SyncAllAsync(realmB);
        Assert.Equal(40, realmB.All<Blob>().Count());
    }

    [Fact]
    public async Task A_dying_session_stops_when_the_linger_time_ends_and_its_changes_upload_at_the_next_open()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server, new DeviceOptions { Linger = TimeSpan.FromMilliseconds(300) });
        await using var b = await Device.CreateAsync(server);
        var realm = a.Open();
        await SyncAllAsync(realm);
        await server.StopAsync();
        AddItem(realm, "stuck while the server is down");
        var session = realm.SyncSession;

        realm.Dispose();

        Assert.Equal(SessionState.Dying, session.State);
        await Eventually.WaitAsync(() => session.State == SessionState.Inactive, "the linger time ends");
        await server.RestartAsync();
        using var reopened = a.Open();
        Assert.NotSame(session, reopened.SyncSession);
        await SyncAllAsync(reopened);
        using var realmB = b.Open();
        await SyncAllAsync(realmB);
        Assert.Equal(["stuck while the server is down"], Names(realmB));
    }

    [Fact]
    public async Task Reopening_a_dying_session_makes_it_Active_again()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var realm = a.Open();
        await SyncAllAsync(realm);
        await server.StopAsync();
        AddItem(realm, "pending");
        var session = realm.SyncSession;
        realm.Dispose();
        Assert.Equal(SessionState.Dying, session.State);

        using var reopened = a.Open();

        Assert.Same(session, reopened.SyncSession);
        Assert.Equal(SessionState.Active, session.State);
        await server.RestartAsync();
        Assert.True(await session.WaitForUploadAsync(Deadline));
    }

    [Fact]
    public async Task Logging_out_stops_the_session_and_fails_its_waits()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var user = await a.App.LogInAsync(Credentials.Anonymous(reuseExisting: false));
        using var realm = Realm.Open(new SyncConfiguration(user, "mine.realm") { ObjectClasses = Device.Classes });
        await Eventually.WaitAsync(() => realm.SyncSession.IsConnected, "the session connects");
        var session = realm.SyncSession;
        await server.StopAsync();
        AddItem(realm, "never uploaded");
        var blocked = session.WaitForUploadAsync(Deadline);

        await user.LogOutAsync();

        Assert.Equal(SessionState.Inactive, session.State);
        var error = await Assert.ThrowsAsync<SessionException>(() => blocked);
        Assert.True(error.IsFatal);
        await Eventually.WaitAsync(() => session.ConnectionState == ConnectionState.Disconnected, "the stopped session is disconnected");
    }

    [Fact]
    public async Task An_app_killed_before_its_uploads_finished_uploads_its_committed_changes_after_restart()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        var realm = a.Open();
        await SyncAllAsync(realm);
        realm.SyncSession.Pause();
        for (var i = 0; i < 30; i++)
        {
            AddItem(realm, $"committed {i:00}");
        }

        // Killed: the App goes away without lingering; the realm file keeps the committed, unacknowledged changes.
        a.Restart(server);
        realm.Dispose();

        using var restarted = a.Open();
        Assert.Equal(30, Names(restarted).Length);
        Assert.True(await restarted.SyncSession.WaitForUploadAsync(Deadline));
        using var realmB = b.Open();
        await SyncAllAsync(realmB);
        Assert.Equal(30, Names(realmB).Length);
    }

    [Fact]
    public async Task An_app_killed_mid_upload_sends_the_rest_after_restart_without_duplicates()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        var realm = a.Open();
        await SyncAllAsync(realm);
        var progress = new ProgressRecorder();
        using (realm.SyncSession.RegisterProgressNotifier(progress.Record, ProgressDirection.Upload, ProgressMode.ReportIndefinitely))
        {
            for (var i = 0; i < 20; i++)
            {
                realm.Write(() => realm.Add(new Blob { Id = i + 1, Data = new byte[200_000] }));
            }

            await Eventually.WaitAsync(() => progress.Last is { TransferredBytes: > 0 }, "part of the upload was acknowledged");
        }

        a.Restart(server);
        realm.Dispose();

        using var restarted = a.Open();
        Assert.True(await restarted.SyncSession.WaitForUploadAsync(Deadline));
        using var realmB = b.Open();
        await SyncAllAsync(realmB);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), realmB.All<Blob>().ToList().Select(x => x.Id).Order());
    }

    [Fact]
    public async Task Waits_on_a_session_whose_App_was_disposed_fail_instead_of_hanging()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        var session = realm.SyncSession;
        session.Pause();
        AddItem(realm, "never uploaded");
        var pending = session.WaitForUploadAsync();

        a.App.Dispose();

        Assert.True((await Assert.ThrowsAsync<SessionException>(() => pending)).IsFatal);
        await Assert.ThrowsAsync<SessionException>(() => session.WaitForDownloadAsync());
        Assert.Equal(SessionState.Inactive, session.State);
    }

    [Fact]
    public async Task Opening_a_synced_realm_of_a_logged_out_user_throws()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var config = a.Config("mine.realm");
        await a.User.LogOutAsync();

        var error = Assert.Throws<InvalidOperationException>(() => Realm.Open(config));

        Assert.Contains("log in", error.Message);
    }
}
