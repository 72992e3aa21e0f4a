using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;

namespace SourceGenSync.Sync.Tests.Users;

public sealed class ApiKeyTests
{
    [Fact]
    public async Task Api_keys_are_created_listed_without_secrets_and_log_in_as_their_owner()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var owner = await TestApps.LogInNewUserAsync(app);

        var created = await owner.ApiKeys.CreateAsync("build server");
        var listed = await owner.ApiKeys.FetchAllAsync();
        var viaKey = await app.LogInAsync(Credentials.ApiKey(created.Key!));

        Assert.StartsWith("sgsk_", created.Key, System.StringComparison.Ordinal);
        Assert.True(created.IsEnabled);
        var only = Assert.Single(listed);
        Assert.Equal((created.Id, "build server", true), (only.Id, only.Name, only.IsEnabled));
        Assert.Null(only.Key);
        Assert.Same(owner, viaKey);
        Assert.Equal(AuthProvider.ApiKey, viaKey.Provider);
    }

    [Fact]
    public async Task A_disabled_api_key_is_listed_as_disabled_and_cannot_log_in()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var owner = await TestApps.LogInNewUserAsync(app);
        var kept = await owner.ApiKeys.CreateAsync("kept");
        var disabled = await owner.ApiKeys.CreateAsync("disabled");

        await owner.ApiKeys.DisableAsync(disabled.Id);
        var listed = await owner.ApiKeys.FetchAllAsync();
        var error = await Assert.ThrowsAsync<AppException>(() => app.LogInAsync(Credentials.ApiKey(disabled.Key!)));

        Assert.Equal(AppErrorCode.InvalidCredentials, error.Code);
        Assert.False(listed.Single(key => key.Id == disabled.Id).IsEnabled);
        Assert.True(listed.Single(key => key.Id == kept.Id).IsEnabled);
        Assert.Same(owner, await app.LogInAsync(Credentials.ApiKey(kept.Key!)));
    }

    [Fact]
    public async Task Disabling_an_unknown_key_fails_with_InvalidArgument_and_a_logged_out_user_cannot_manage_keys()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var owner = await TestApps.LogInNewUserAsync(app);

        var unknown = await Assert.ThrowsAsync<AppException>(() => owner.ApiKeys.DisableAsync("0123456789abcdef0123456789abcdef"));
        await owner.LogOutAsync();
        var loggedOut = await Assert.ThrowsAsync<AppException>(() => owner.ApiKeys.FetchAllAsync());

        Assert.Equal(AppErrorCode.InvalidArgument, unknown.Code);
        Assert.Equal(AppErrorCode.InvalidSession, loggedOut.Code);
    }
}
