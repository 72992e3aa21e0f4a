using System;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol;
using SourceGenSync.Protocol.Auth;
using SourceGenSync.Sync.Tests.Infrastructure;

namespace SourceGenSync.Sync.Tests.Users;

/// <summary>The connections an app opens, counted by the server: one shared HTTP/2 connection when sessions are
/// multiplexed, one more per session otherwise, all closed when the app is disposed.</summary>
public sealed class AppConnectionTests
{
    [Fact]
    public async Task Multiplexed_session_invokers_share_the_apps_single_connection()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        var app = TestApps.Create(server, folder);
        await app.LogInAsync(Credentials.Anonymous());

        var (firstOwned, secondOwned) = await CallThroughTwoSessionInvokersAsync(app);

        Assert.Null(firstOwned);
        Assert.Null(secondOwned);
        Assert.Equal(1, server.Connections.Accepted);
        app.Dispose();
        await Eventually.WaitAsync(() => server.Connections.Active == 0, "the disposed app's connection has closed");
    }

    [Fact]
    public async Task Without_multiplexing_each_session_invoker_has_its_own_connection()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = App.Create(new AppConfiguration(server.Address) { BaseFilePath = folder.Path, MultiplexSessions = false });
        await app.LogInAsync(Credentials.Anonymous());

        var (firstOwned, secondOwned) = await CallThroughTwoSessionInvokersAsync(app);

        Assert.NotNull(firstOwned);
        Assert.NotNull(secondOwned);
        Assert.Equal(3, server.Connections.Accepted);
        firstOwned.Dispose();
        secondOwned.Dispose();
        await Eventually.WaitAsync(() => server.Connections.Active == 1, "only the app's own connection is left");
    }

    [Fact]
    public async Task Default_realm_folder_is_per_user_under_the_base_file_path()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await app.LogInAsync(Credentials.Anonymous());

        var path = app.DefaultRealmFolder(user);

        Assert.Equal(System.IO.Path.Combine(folder.Path, "sourcegensync", user.Id), path);
        Assert.True(System.IO.Directory.Exists(path));
    }

    [Fact]
    public void Configuration_defaults_follow_the_documented_values()
    {
        var configuration = new AppConfiguration(new Uri("http://127.0.0.1:5280"));

        Assert.Equal(System.IO.Directory.GetCurrentDirectory(), configuration.BaseFilePath);
        Assert.Equal(TimeSpan.FromSeconds(30), configuration.DefaultRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), configuration.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(90), configuration.ReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), configuration.SessionLingerTime);
        Assert.True(configuration.MultiplexSessions);
        Assert.Null(configuration.HttpHandler);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), 2.0, 0.25),
            (configuration.ReconnectBackoff.MinimumDelay, configuration.ReconnectBackoff.MaximumDelay, configuration.ReconnectBackoff.Multiplier, configuration.ReconnectBackoff.Jitter));
        Assert.Throws<ArgumentException>(() => new AppConfiguration(new Uri("ftp://example.com")));
    }

    /// <summary>Takes two session invokers from <paramref name="app"/> and makes a call through each (so that each
    /// has its connection open); returns the channels the sessions would own (null when they share the app's).</summary>
    private static async Task<(IDisposable? First, IDisposable? Second)> CallThroughTwoSessionInvokersAsync(App app)
    {
        var first = app.InvokerForSession(out var firstOwned);
        var second = app.InvokerForSession(out var secondOwned);
        await CallAsync(first);
        await CallAsync(second);
        return (firstOwned, secondOwned);
    }

    private static async Task CallAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncUnaryCall(ServiceMethods.LogInAnonymous, new CallOptions(null, DateTime.UtcNow.AddSeconds(30)), new LogInAnonymousRequest());
        await call.ResponseAsync;
    }
}
