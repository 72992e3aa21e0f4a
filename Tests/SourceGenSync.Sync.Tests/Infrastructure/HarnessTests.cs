using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace SourceGenSync.Sync.Tests.Infrastructure;

/// <summary>The harness itself: the server answers, counts connections, and comes back on the same port and data.</summary>
public sealed class HarnessTests
{
    [Fact]
    public async Task Server_restarts_on_the_same_port_and_data_folder_and_counts_connections()
    {
        await using var server = await SyncTestServer.StartAsync();
        var address = server.Address;
        Assert.Equal(200, await HealthAsync(address));
        await Eventually.WaitAsync(() => server.Connections.Accepted >= 1, "the health request's connection is counted");

        await server.StopAsync();
        Assert.False(server.IsRunning);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => HealthAsync(address));

        await server.RestartAsync();
        Assert.Equal(address, server.Address);
        Assert.Equal(200, await HealthAsync(address));
        Assert.True(System.IO.Directory.Exists(server.DataPath));
    }

    [Fact]
    public async Task Stop_aborts_open_connections_and_users_survive_a_restart()
    {
        await using var server = await SyncTestServer.StartAsync();
        using var folder = new TestFolder();
        using var app = TestApps.Create(server, folder);
        var user = await TestApps.LogInNewUserAsync(app);
        Assert.Equal(1, server.Connections.Active);

        await server.StopAsync();
        await server.RestartAsync();

        // The data folder was kept: the user's refresh token is still known to the restarted server.
        Assert.NotEmpty(await user.RefreshAccessTokenAsync(System.Threading.CancellationToken.None));
    }

    [Fact]
    public async Task Stop_aborts_an_open_session_stream_at_once()
    {
        await using var server = await SyncTestServer.StartAsync();
        var connections = server.Connections;
        using var channel = new SourceGenSync.Grpc.GrpcHttpChannel(server.Address);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(SourceGenSync.Protocol.ServiceMethods.Session, default);
        await Eventually.WaitAsync(() => connections.Active == 1, "the session stream's connection is open");

        // A graceful drain would wait for the stream (here until its 30 s Bind timeout); a kill closes it now.
        await server.StopAsync();

        await Eventually.WaitAsync(() => connections.Active == 0, "the aborted connection has closed");
        await Assert.ThrowsAnyAsync<Exception>(async () => await call.ResponseStream.MoveNext(System.Threading.CancellationToken.None));
    }

    [Fact]
    public void Test_folder_is_deleted_on_dispose()
    {
        string path;
        using (var folder = new TestFolder())
        {
            path = folder.Path;
            System.IO.File.WriteAllText(folder.File("x.txt"), "x");
        }

        Assert.False(System.IO.Directory.Exists(path));
    }

    private static async Task<int> HealthAsync(Uri address)
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await http.GetAsync(new Uri(address, "/healthz"));
        return (int)response.StatusCode;
    }
}
