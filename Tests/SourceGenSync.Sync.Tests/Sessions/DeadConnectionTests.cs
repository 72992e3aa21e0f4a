using System;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

public sealed class DeadConnectionTests
{
    [Fact]
    public async Task A_silently_dead_connection_is_detected_by_keepalive_and_read_timeout_and_replaced()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var proxy = TcpProxy.Start(server.Address);

        // One connection per session: the attempt that times out discards its dead connection with it. (A shared,
        // multiplexed connection is dropped by the HTTP/2 keepalive ping timeout instead.)
        var options = new DeviceOptions { Multiplex = false, Address = proxy.Address, KeepAlive = TimeSpan.FromSeconds(1), ReadTimeout = TimeSpan.FromSeconds(3) };
        await using var a = await Device.CreateAsync(server, options);
        using var realm = a.Open();
        await SyncAllAsync(realm);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        realm.SyncSession.ConnectionStateChanged += (_, e) =>
        {
            if (e.NewState == ConnectionState.Disconnected)
            {
                disconnected.TrySetResult();
            }
        };

        proxy.BlackHoleOpenConnections();
        AddItem(realm, "sent after the network died");

        await disconnected.Task.WaitAsync(Deadline);
        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
        Assert.True(realm.SyncSession.IsConnected);
        Assert.True(proxy.Accepted >= 2, $"a new connection replaced the dead one ({proxy.Accepted} accepted)");
    }
}
