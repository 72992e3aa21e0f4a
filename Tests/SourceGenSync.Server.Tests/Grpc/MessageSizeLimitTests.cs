using System;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

public sealed class MessageSizeLimitTests
{
    private static readonly CallOptions Options = new(deadline: DateTime.UtcNow.AddMinutes(5));

    private static EchoRequest Large(int size) => new() { Payload = ByteString.CopyFrom(new byte[size]) };

    [Fact]
    public async Task Client_refuses_to_send_a_message_over_its_send_limit()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel(o => o.MaxSendMessageSize = 1024);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options, Large(4096)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Sending message exceeds", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_refuses_a_request_over_its_receive_limit()
    {
        await using var server = await EchoServer.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options, Large(4096)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Received message exceeds", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_refuses_a_large_unary_request_before_the_client_finished_sending_it()
    {
        // The server answers from the 5-byte prefix and resets the rest of the 3 MiB upload; the client
        // must report the server's status rather than its own failed send.
        await using var server = await EchoServer.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options, Large(3 * 1024 * 1024)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Server_refuses_a_streamed_request_over_its_receive_limit_after_earlier_messages()
    {
        await using var server = await EchoServer.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options);

        await call.RequestStream.WriteAsync(new EchoRequest { Sequence = 1 });
        Assert.True(await call.ResponseStream.MoveNext(default));
        await call.RequestStream.WriteAsync(Large(100_000));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Client_refuses_a_response_over_its_receive_limit()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel(o => o.MaxReceiveMessageSize = 1024);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options, new EchoRequest { ReplyPayloadSize = 8192 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Received message exceeds", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_refuses_to_send_a_response_over_its_send_limit()
    {
        await using var server = await EchoServer.StartAsync(o => o.MaxSendMessageSize = 1024);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options, new EchoRequest { ReplyPayloadSize = 8192 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Sending message exceeds", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_request_larger_than_Kestrels_body_limit_is_accepted()
    {
        // Pitfall 5: Kestrel's 30 MB MaxRequestBodySize is per stream; the gRPC hosting lifts it per call.
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options);
        var chunk = ByteString.CopyFrom(new byte[1024 * 1024]);

        var reader = Task.Run(async () =>
        {
            var count = 0;
            while (await call.ResponseStream.MoveNext(default))
            {
                count++;
            }

            return count;
        });
        for (var i = 0; i < 40; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Sequence = i, Payload = chunk, ReplyPayloadSize = 1 });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(40, await reader);
    }
}
