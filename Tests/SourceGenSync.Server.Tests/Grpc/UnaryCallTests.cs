using System;
using System.Linq;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

public sealed class UnaryCallTests
{
    private static CallOptions Options(Metadata? headers = null) => new(headers, DateTime.UtcNow.AddSeconds(30));

    [Fact]
    public async Task Unary_call_round_trips_the_message_and_request_metadata()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        using var call = invoker.AsyncUnaryCall(EchoMethods.Unary, Options(new Metadata().Add("X-Echo", "hello header")), new EchoRequest { Text = "hi", Sequence = 42 });
        var reply = await call;

        Assert.Equal("hi", reply.Text);
        Assert.Equal(42, reply.Sequence);
        Assert.Equal("hello header", reply.MetadataEcho);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("kestrel", call.GetTrailers().GetValue("x-trailer"));
    }

    [Fact]
    public async Task Binary_metadata_travels_base64_and_comes_back_as_bytes()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var bytes = new byte[] { 0, 1, 2, 254, 255 };

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options(new Metadata().Add("x-data-bin", bytes)), new EchoRequest { Text = "bin" });
        await call;

        Assert.Equal(bytes, call.GetTrailers().GetValueBytes("x-data-bin"));
    }

    [Fact]
    public async Task Response_headers_written_by_the_handler_reach_the_client()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options(), new EchoRequest { Text = "headers" });
        var headers = await call.ResponseHeadersAsync;
        await call;

        Assert.Equal("kestrel", headers.GetValue("x-response-header"));
    }

    [Fact]
    public async Task Messages_of_one_MiB_pass_both_ways_under_the_default_limits()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 1024 * 1024).Select(i => (byte)i).ToArray());

        var reply = await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options(), new EchoRequest { Payload = payload });

        Assert.Equal(payload, reply.Payload);
    }

    [Fact]
    public async Task Many_sequential_calls_reuse_one_channel()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        for (var i = 0; i < 200; i++)
        {
            var reply = await invoker.AsyncUnaryCall(EchoMethods.Unary, Options(), new EchoRequest { Sequence = i });
            Assert.Equal(i, reply.Sequence);
        }
    }

    [Fact]
    public async Task Calls_after_the_channel_is_disposed_throw_ObjectDisposedException()
    {
        await using var server = await EchoServer.StartAsync();
        var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        channel.Dispose();

        Assert.Throws<ObjectDisposedException>(() => invoker.AsyncUnaryCall(EchoMethods.Unary, Options(), new EchoRequest()));
    }
}
