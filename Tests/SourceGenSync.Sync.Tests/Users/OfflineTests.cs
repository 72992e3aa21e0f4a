using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;

namespace SourceGenSync.Sync.Tests.Users;

/// <summary>An app without its server: cached users come back after a restart, a first log-in says it needs the
/// network, a hanging server times out, log-out works locally.</summary>
public sealed class OfflineTests
{
    [Fact]
    public async Task A_restarted_offline_app_has_its_cached_users_back()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        string firstId, secondId, accessToken, refreshToken;
        using (var app = TestApps.Create(server, folder))
        {
            var first = await TestApps.LogInNewUserAsync(app);
            var second = await app.LogInAsync(Credentials.Anonymous());
            app.SwitchUser(first);
            (firstId, secondId, accessToken, refreshToken) = (first.Id, second.Id, first.AccessToken!, first.RefreshToken!);
        }

        await server.StopAsync();
        using var restarted = TestApps.Create(server, folder);

        var current = restarted.CurrentUser;
        Assert.NotNull(current);
        Assert.Equal((firstId, AuthProvider.EmailPassword, UserState.LoggedIn), (current.Id, current.Provider, current.State));
        Assert.Equal((accessToken, refreshToken), (current.AccessToken, current.RefreshToken));
        Assert.Equal([firstId, secondId], [.. System.Linq.Enumerable.Select(restarted.AllUsers, user => user.Id)]);
        Assert.Equal(accessToken, await current.GetAccessTokenAsync(CancellationToken.None));
        Assert.Same(restarted.AllUsers[1], await restarted.LogInAsync(Credentials.Anonymous()));
    }

    [Fact]
    public async Task A_cached_user_keeps_working_when_the_server_comes_back()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using (var app = TestApps.Create(server, folder))
        {
            await TestApps.LogInNewUserAsync(app);
        }

        await server.RestartAsync();
        using var restarted = TestApps.Create(server, folder);
        var user = restarted.CurrentUser!;

        var key = await user.ApiKeys.CreateAsync("after restart");
        var refreshed = await user.RefreshAccessTokenAsync(CancellationToken.None);

        Assert.True(key.IsEnabled);
        Assert.Equal(refreshed, user.AccessToken);
    }

    [Fact]
    public async Task The_first_log_in_without_a_server_fails_with_NetworkUnavailable_and_says_why()
    {
        using var folder = new TestFolder();
        var address = BlackHoleServer.UnusedAddress();
        using var app = App.Create(new AppConfiguration(address) { BaseFilePath = folder.Path });

        var error = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.Anonymous()));

        Assert.Equal(AppErrorCode.NetworkUnavailable, error.Code);
        Assert.Contains(address.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("could not reach", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("first log-in needs the network", error.Message, StringComparison.Ordinal);
        Assert.Null(app.CurrentUser);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_fails_the_call_with_Timeout()
    {
        using var folder = new TestFolder();
        using var hanging = new BlackHoleServer();
        using var app = App.Create(new AppConfiguration(hanging.Address) { BaseFilePath = folder.Path, DefaultRequestTimeout = TimeSpan.FromMilliseconds(500) });

        var error = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.EmailPassword(TestApps.NewEmail(), "correct horse battery")));

        Assert.Equal(AppErrorCode.Timeout, error.Code);
        Assert.Contains("DefaultRequestTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_log_in_throws_OperationCanceledException()
    {
        using var folder = new TestFolder();
        using var hanging = new BlackHoleServer();
        using var app = App.Create(new AppConfiguration(hanging.Address) { BaseFilePath = folder.Path });
        using var cancellation = new CancellationTokenSource();

        var login = app.LogInAsync(Credentials.Anonymous(reuseExisting: false), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => login);
    }

    [Fact]
    public async Task Log_out_without_a_server_logs_out_locally_and_is_remembered()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using (var app = TestApps.Create(server, folder))
        {
            var user = await TestApps.LogInNewUserAsync(app);
            await server.StopAsync();

            await user.LogOutAsync();

            Assert.Equal(UserState.LoggedOut, user.State);
        }

        using var restarted = TestApps.Create(server, folder);
        Assert.Null(restarted.CurrentUser);
        Assert.Empty(restarted.AllUsers);
    }

    [Fact]
    public async Task A_damaged_user_cache_costs_a_log_in_not_a_crash()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        var metadata = System.IO.Path.Combine(folder.Path, "sourcegensync-metadata");
        System.IO.Directory.CreateDirectory(metadata);
        await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(metadata, "users.json"), "{ not json");

        using var app = TestApps.Create(server, folder);
        Assert.Null(app.CurrentUser);
        var user = await app.LogInAsync(Credentials.Anonymous());

        using var restarted = TestApps.Create(server, folder);
        Assert.Equal(user.Id, restarted.CurrentUser?.Id);
    }

    [Fact]
    public async Task Users_cached_for_another_server_are_not_used()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using (var app = TestApps.Create(server, folder))
        {
            await app.LogInAsync(Credentials.Anonymous());
        }

        using var elsewhere = App.Create(new AppConfiguration(BlackHoleServer.UnusedAddress()) { BaseFilePath = folder.Path });

        Assert.Null(elsewhere.CurrentUser);
        Assert.Empty(elsewhere.AllUsers);
    }
}
