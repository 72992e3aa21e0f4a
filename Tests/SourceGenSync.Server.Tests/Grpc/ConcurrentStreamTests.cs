using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

public sealed class ConcurrentStreamTests
{
    private const int Streams = 160;

    [Fact]
    public async Task Streams_beyond_the_servers_per_connection_limit_open_another_connection()
    {
        // Server allows 100 streams per connection; the channel opens a second connection (pitfall 7).
        await using var server = await EchoServer.StartAsync(o => o.MaxStreamsPerConnection = 100);
        using var channel = server.CreateChannel(o => o.EnableMultipleHttp2Connections = true);

        await RunAllOpenAtOnceAsync(channel.CreateCallInvoker());

        Assert.True(server.Probe.MaxActiveDuplexCalls >= Streams, $"only {server.Probe.MaxActiveDuplexCalls} handlers ran at once");
    }

    [Fact]
    public async Task Many_streams_share_one_connection_when_the_server_allows_them()
    {
        await using var server = await EchoServer.StartAsync(o => o.MaxStreamsPerConnection = 250);
        using var channel = server.CreateChannel(o => o.EnableMultipleHttp2Connections = false);

        await RunAllOpenAtOnceAsync(channel.CreateCallInvoker());

        Assert.True(server.Probe.MaxActiveDuplexCalls >= Streams, $"only {server.Probe.MaxActiveDuplexCalls} handlers ran at once");
    }

    /// <summary>Opens every stream and exchanges one message on each before completing any, so all of them
    /// are provably open at the same time.</summary>
    private static async Task RunAllOpenAtOnceAsync(CallInvoker invoker)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60));
        var calls = new List<AsyncDuplexStreamingCall<EchoRequest, EchoReply>>();
        try
        {
            for (var i = 0; i < Streams; i++)
            {
                calls.Add(invoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, options));
            }

            await Task.WhenAll(calls.Select(async (call, i) =>
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Sequence = i });
                Assert.True(await call.ResponseStream.MoveNext(default));
                Assert.Equal(i, call.ResponseStream.Current.Sequence);
            }));
            await Task.WhenAll(calls.Select(async call =>
            {
                await call.RequestStream.CompleteAsync();
                Assert.False(await call.ResponseStream.MoveNext(default));
                Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
            }));
        }
        finally
        {
            calls.ForEach(c => c.Dispose());
        }
    }
}
