using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

public sealed class PauseResumeTests
{
    [Fact]
    public async Task Pausing_one_session_leaves_another_session_of_the_same_app_running()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var paused = a.Open("paused.realm", "realm-one");
        using var running = a.Open("running.realm", "realm-two");
        using var writerOne = b.Open("one.realm", "realm-one");
        using var writerTwo = b.Open("two.realm", "realm-two");
        await SyncAllAsync(paused, running, writerOne, writerTwo);

        paused.SyncSession.Pause();
        AddItem(writerOne, "for the paused one");
        AddItem(writerTwo, "for the running one");
        await SyncAllAsync(writerOne, writerTwo, running);

        Assert.Equal(["for the running one"], Names(running));
        Assert.Equal(SessionState.Active, running.SyncSession.State);
        Assert.Equal(SessionState.Inactive, paused.SyncSession.State);
        Assert.Equal(ConnectionState.Disconnected, paused.SyncSession.ConnectionState);
        Assert.False(await paused.SyncSession.WaitForDownloadAsync(System.TimeSpan.FromMilliseconds(300)));
        paused.Refresh();
        Assert.Empty(Names(paused));

        paused.SyncSession.Resume();
        await SyncAllAsync(paused);
        Assert.Equal(["for the paused one"], Names(paused));
    }

    [Fact]
    public async Task Local_writes_while_paused_are_uploaded_after_resume()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();
        await SyncAllAsync(realmA, realmB);

        realmA.SyncSession.Pause();
        AddItem(realmA, "offline 1");
        AddItem(realmA, "offline 2");
        await SyncAllAsync(realmB);
        Assert.Empty(Names(realmB));

        realmA.SyncSession.Resume();
        await SyncAllAsync(realmA, realmB);
        Assert.Equal(["offline 1", "offline 2"], Names(realmB));
    }

    [Fact]
    public async Task Pause_and_Resume_are_idempotent_and_move_between_Active_and_Inactive()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var realm = a.Open();
        var session = realm.SyncSession;
        await Eventually.WaitAsync(() => session.IsConnected, "the session connects");
        Assert.Equal(SessionState.Active, session.State);

        session.Pause();
        session.Pause();
        Assert.Equal(SessionState.Inactive, session.State);
        await Eventually.WaitAsync(() => session.ConnectionState == ConnectionState.Disconnected, "the paused session disconnects");

        session.Resume();
        session.Resume();
        Assert.Equal(SessionState.Active, session.State);
        await Eventually.WaitAsync(() => session.IsConnected, "the resumed session connects");
        AddItem(realm, "after resume");
        Assert.True(await session.WaitForUploadAsync(Deadline));
    }

    [Fact]
    public async Task Every_instance_on_a_file_shares_one_session()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using var first = a.Open();
        using var second = a.Open();
        using var other = a.Open("other.realm");

        Assert.Same(first.SyncSession, second.SyncSession);
        Assert.NotSame(first.SyncSession, other.SyncSession);
        first.SyncSession.Pause();
        Assert.Equal(SessionState.Inactive, second.SyncSession.State);
        Assert.Equal(SessionState.Active, other.SyncSession.State);
        first.SyncSession.Resume();
    }
}
