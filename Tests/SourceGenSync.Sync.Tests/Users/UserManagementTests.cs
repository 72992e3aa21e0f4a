using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol;
using SourceGenSync.Protocol.Auth;
using SourceGenSync.Sync.Tests.Infrastructure;

namespace SourceGenSync.Sync.Tests.Users;

/// <summary>Several users in one app: switching, logging out, removing.</summary>
public sealed class UserManagementTests
{
    [Fact]
    public async Task SwitchUser_changes_the_current_user_and_refuses_a_logged_out_one()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var first = await TestApps.LogInNewUserAsync(app);
        var second = await TestApps.LogInNewUserAsync(app);
        Assert.Same(second, app.CurrentUser);

        app.SwitchUser(first);
        Assert.Same(first, app.CurrentUser);
        Assert.Equal([first, second], app.AllUsers);

        await second.LogOutAsync();
        Assert.Throws<InvalidOperationException>(() => app.SwitchUser(second));
        Assert.Same(first, app.CurrentUser);
    }

    [Fact]
    public async Task Log_out_revokes_the_session_on_the_server_and_leaves_AllUsers()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var first = await TestApps.LogInNewUserAsync(app);
        var second = await TestApps.LogInNewUserAsync(app);
        var refreshToken = second.RefreshToken!;
        var loggedOut = 0;
        var changed = new List<string?>();
        second.LoggedOut += (_, _) => Interlocked.Increment(ref loggedOut);
        ((INotifyPropertyChanged)second).PropertyChanged += (_, e) => changed.Add(e.PropertyName);

        await second.LogOutAsync();

        Assert.Equal(UserState.LoggedOut, second.State);
        Assert.Null(second.AccessToken);
        Assert.Null(second.RefreshToken);
        Assert.Equal([first], app.AllUsers);
        Assert.Same(first, app.CurrentUser);
        Assert.Equal(1, loggedOut);
        Assert.Contains(nameof(User.State), changed);
        var refused = await Assert.ThrowsAsync<RpcException>(() => RawRefreshAsync(server, refreshToken));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task A_logged_out_user_logs_in_again_as_the_same_object()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var email = TestApps.NewEmail();
        await app.EmailPasswordAuth.RegisterUserAsync(email, "correct horse battery");
        var user = await app.LogInAsync(Credentials.EmailPassword(email, "correct horse battery"));
        await user.LogOutAsync();

        var again = await app.LogInAsync(Credentials.EmailPassword(email, "correct horse battery"));

        Assert.Same(user, again);
        Assert.Equal(UserState.LoggedIn, user.State);
        Assert.Same(user, app.CurrentUser);
    }

    [Fact]
    public async Task Logging_out_an_anonymous_user_removes_it()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await app.LogInAsync(Credentials.Anonymous());

        await user.LogOutAsync();
        var next = await app.LogInAsync(Credentials.Anonymous());

        Assert.Equal(UserState.Removed, user.State);
        Assert.DoesNotContain(user, app.AllUsers);
        Assert.NotEqual(user.Id, next.Id);
    }

    [Fact]
    public async Task RemoveUser_logs_out_forgets_the_user_and_deletes_its_realm_folder()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var kept = await TestApps.LogInNewUserAsync(app);
        var removed = await TestApps.LogInNewUserAsync(app);
        var removedFolder = app.DefaultRealmFolder(removed);
        var keptFolder = app.DefaultRealmFolder(kept);
        File.WriteAllText(Path.Combine(removedFolder, "default.realm"), "realm data");
        File.WriteAllText(Path.Combine(keptFolder, "default.realm"), "realm data");

        await app.RemoveUserAsync(removed);

        Assert.Equal(UserState.Removed, removed.State);
        Assert.Equal([kept], app.AllUsers);
        Assert.Same(kept, app.CurrentUser);
        Assert.False(Directory.Exists(removedFolder));
        Assert.True(File.Exists(Path.Combine(keptFolder, "default.realm")));
        Assert.Equal(Path.Combine(folder.Path, "sourcegensync", kept.Id), keptFolder);
    }

    [Fact]
    public async Task Users_of_another_app_are_refused()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var otherFolder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        using var other = TestApps.Create(server, otherFolder);
        var stranger = await other.LogInAsync(Credentials.Anonymous());

        Assert.Throws<ArgumentException>(() => app.SwitchUser(stranger));
        await Assert.ThrowsAsync<ArgumentException>(() => app.RemoveUserAsync(stranger));
    }

    private static async Task<Tokens> RawRefreshAsync(SyncTestServer server, string refreshToken)
    {
        using var channel = new GrpcHttpChannel(server.Address);
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(ServiceMethods.Refresh, new CallOptions(null, DateTime.UtcNow.AddSeconds(30)), new RefreshRequest { RefreshToken = refreshToken });
        return await call.ResponseAsync;
    }
}
