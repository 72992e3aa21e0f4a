using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

public sealed class DuplexStreamingTests
{
    private static CallOptions Options(Metadata? headers = null) => new(headers, DateTime.UtcNow.AddSeconds(60));

    [Fact]
    public async Task Duplex_call_streams_many_messages_in_order_while_reading_concurrently()
    {
        const int Count = 20_000;
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < Count; i++)
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Sequence = i, Text = "m" });
            }

            await call.RequestStream.CompleteAsync();
        });
        var received = 0;
        while (await call.ResponseStream.MoveNext(default))
        {
            Assert.Equal(received, call.ResponseStream.Current.Sequence);
            received++;
        }

        await writer;
        Assert.Equal(Count, received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_can_send_many_replies_for_one_request()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());

        await call.RequestStream.WriteAsync(new EchoRequest { Text = "burst", ReplyCount = 5000 });
        await call.RequestStream.CompleteAsync();
        var received = 0;
        while (await call.ResponseStream.MoveNext(default))
        {
            received++;
        }

        Assert.Equal(5000, received);
    }

    [Fact]
    public async Task Ping_pong_one_message_at_a_time_is_not_held_back_by_coalescing()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options(new Metadata().Add("x-echo", "duplex")));

        // Each reply is awaited before the next write: this only completes if every lone message is flushed.
        for (var i = 0; i < 500; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Sequence = i });
            Assert.True(await call.ResponseStream.MoveNext(default));
            Assert.Equal(i, call.ResponseStream.Current.Sequence);
            Assert.Equal("duplex", call.ResponseStream.Current.MetadataEcho);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(default));
    }

    [Fact]
    public async Task Duplex_response_headers_arrive_before_the_first_message_is_sent()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());

        // SendDuplexHeadersImmediately: a client may wait for headers before its first write without deadlock.
        var headers = await call.ResponseHeadersAsync;

        Assert.NotNull(headers);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(default));
    }

    [Fact]
    public async Task Streams_opened_concurrently_on_one_channel_stay_independent()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async stream =>
        {
            using var call = invoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());
            for (var i = 0; i < 200; i++)
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Text = $"s{stream}", Sequence = i });
            }

            await call.RequestStream.CompleteAsync();
            var count = 0;
            while (await call.ResponseStream.MoveNext(default))
            {
                Assert.Equal($"s{stream}", call.ResponseStream.Current.Text);
                Assert.Equal(count++, call.ResponseStream.Current.Sequence);
            }

            return count;
        }));

        Assert.All(results, count => Assert.Equal(200, count));
    }
}
