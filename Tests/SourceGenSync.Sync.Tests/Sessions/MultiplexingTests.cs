using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>Sessions share the App's HTTP/2 connection unless MultiplexSessions is off (counted on the server).</summary>
public sealed class MultiplexingTests
{
    private const int SessionCount = 6;

    [Fact]
    public async Task Many_sessions_of_one_app_share_one_connection()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var before = server.Connections.Accepted;

        var realms = Enumerable.Range(0, SessionCount).Select(i => a.Open($"r{i}.realm", $"realm-{i}")).ToArray();
        try
        {
            foreach (var realm in realms)
            {
                AddItem(realm, "x");
            }

            await SyncAllAsync(realms);
            Assert.All(realms, r => Assert.True(r.SyncSession.IsConnected));
            Assert.Equal(before, server.Connections.Accepted);
        }
        finally
        {
            foreach (var realm in realms)
            {
                realm.Dispose();
            }
        }
    }

    [Fact]
    public async Task Without_multiplexing_every_session_gets_its_own_connection()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server, new DeviceOptions { Multiplex = false });
        var before = server.Connections.Accepted;

        var realms = Enumerable.Range(0, SessionCount).Select(i => a.Open($"r{i}.realm", $"realm-{i}")).ToArray();
        try
        {
            await SyncAllAsync(realms);
            Assert.Equal(before + SessionCount, server.Connections.Accepted);
            await Eventually.WaitAsync(() => server.Connections.Active >= SessionCount, "each session holds its own connection");
        }
        finally
        {
            foreach (var realm in realms)
            {
                realm.Dispose();
            }
        }
    }
}
