using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;

namespace SourceGenSync.Sync.Tests.Users;

/// <summary>Transparent access-token refresh: before use when the token nears expiry, after the server refuses
/// one, shared by concurrent callers, offline, and the user logged out when the session itself is revoked.</summary>
public sealed class TokenRefreshTests
{
    [Fact]
    public async Task An_expired_access_token_is_refreshed_before_an_authorized_call()
    {
        // Two-second tokens and no clock skew: the log-in's token expires quickly.
        await using var server = await SyncTestServer.StartAsync("--Server:AccessTokenLifetime=00:00:02", "--Server:TokenClockSkew=00:00:00");
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await TestApps.LogInNewUserAsync(app);
        var expired = user.AccessToken;
        var expiresAt = user.AccessTokenExpiresAt;
        await Eventually.WaitAsync(() => DateTimeOffset.UtcNow > expiresAt.AddSeconds(1), "the access token has expired");

        var keys = await user.ApiKeys.FetchAllAsync();

        Assert.Empty(keys);
        Assert.NotEqual(expired, user.AccessToken);
        Assert.Equal(UserState.LoggedIn, user.State);
    }

    [Fact]
    public async Task GetAccessToken_refreshes_a_token_expiring_within_the_margin_and_caches_the_new_one()
    {
        await using var server = await SyncTestServer.StartAsync("--Server:AccessTokenLifetime=00:00:30");
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await TestApps.LogInNewUserAsync(app);
        var first = user.AccessToken;

        var refreshed = await user.GetAccessTokenAsync(CancellationToken.None);

        Assert.NotEqual(first, refreshed);
        Assert.Equal(refreshed, user.AccessToken);
        Assert.Contains(refreshed, File.ReadAllText(Path.Combine(folder.Path, "sourcegensync-metadata", "users.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccessToken_returns_a_token_far_from_expiry_without_a_call()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await app.LogInAsync(Credentials.Anonymous());
        await server.StopAsync();

        var token = await user.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(user.AccessToken, token);
    }

    [Fact]
    public async Task A_token_the_server_refuses_is_refreshed_once_and_the_call_retried()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await TestApps.LogInNewUserAsync(app);
        // A token the client believes valid for an hour but the server does not accept (as after a key rotation).
        user.SetLoggedIn(user.Provider, "not-a-jwt", user.RefreshToken!, DateTimeOffset.UtcNow.AddHours(1));

        var created = await user.ApiKeys.CreateAsync("after refresh");

        Assert.True(created.IsEnabled);
        Assert.NotEqual("not-a-jwt", user.AccessToken);
    }

    [Fact]
    public async Task Concurrent_refreshes_share_one_call_and_get_the_same_token()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await app.LogInAsync(Credentials.Anonymous());

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => user.RefreshAccessTokenAsync(CancellationToken.None)));

        Assert.Single(tokens.Distinct());
        Assert.Equal(tokens[0], user.AccessToken);
    }

    [Fact]
    public async Task Offline_a_still_valid_token_is_used_when_the_refresh_cannot_reach_the_server()
    {
        await using var server = await SyncTestServer.StartAsync("--Server:AccessTokenLifetime=00:00:45");
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await app.LogInAsync(Credentials.Anonymous());
        var cached = user.AccessToken;
        await server.StopAsync();

        var token = await user.GetAccessTokenAsync(CancellationToken.None);
        var forced = await Assert.ThrowsAsync<AppException>(() => user.RefreshAccessTokenAsync(CancellationToken.None));

        Assert.Equal(cached, token);
        Assert.Equal(AppErrorCode.NetworkUnavailable, forced.Code);
        Assert.Equal(UserState.LoggedIn, user.State);
    }

    [Fact]
    public async Task A_revoked_refresh_token_logs_the_user_out_with_InvalidSession()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var otherFolder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await TestApps.LogInNewUserAsync(app);
        var loggedOutEvents = 0;
        user.LoggedOut += (_, _) => Interlocked.Increment(ref loggedOutEvents);

        // Another app instance with the same cached tokens logs out: the server revokes the shared refresh token.
        File.Copy(Path.Combine(folder.Path, "sourcegensync-metadata", "users.json"), CopyTarget(otherFolder));
        using (var other = TestApps.Create(server, otherFolder))
        {
            await other.CurrentUser!.LogOutAsync();
        }

        var error = await Assert.ThrowsAsync<AppException>(() => user.RefreshAccessTokenAsync(CancellationToken.None));

        Assert.Equal(AppErrorCode.InvalidSession, error.Code);
        Assert.Contains("log in again", error.Message, StringComparison.Ordinal);
        Assert.Equal(UserState.LoggedOut, user.State);
        Assert.Empty(app.AllUsers);
        Assert.Null(app.CurrentUser);
        Assert.Equal(1, loggedOutEvents);
    }

    private static string CopyTarget(TestFolder folder)
    {
        var metadata = Path.Combine(folder.Path, "sourcegensync-metadata");
        Directory.CreateDirectory(metadata);
        return Path.Combine(metadata, "users.json");
    }
}
