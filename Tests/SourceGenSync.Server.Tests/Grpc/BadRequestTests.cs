using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

/// <summary>Input our client never sends, made by hand over plain HTTP/2; each gets the spec's answer.</summary>
public sealed class BadRequestTests
{
    private const string UnaryPath = "/sourcegensync.test.echo.Echo/Unary";

    [Fact]
    public async Task Wrong_content_type_is_refused_with_HTTP_415()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var response = await client.SendAsync(RawGrpc.Request(UnaryPath, RawGrpc.Frame(new EchoRequest()), "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var (code, message, _) = await RawGrpc.ReadStatusAsync(response);
        Assert.Equal((int)StatusCode.Internal, code);
        Assert.Contains("application/json", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_type_with_a_proto_suffix_is_accepted()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var response = await client.SendAsync(RawGrpc.Request(UnaryPath, RawGrpc.Frame(new EchoRequest { Text = "x" }), "application/grpc+proto"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await RawGrpc.ReadStatusAsync(response)).Code);
    }

    [Theory]
    [InlineData(2, "compressed flag 2")]
    [InlineData(1, "no grpc-encoding was negotiated")]
    public async Task A_frame_with_a_bad_compressed_flag_is_INTERNAL(byte flag, string expected)
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var response = await client.SendAsync(RawGrpc.Request(UnaryPath, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag)));
        var (code, message, _) = await RawGrpc.ReadStatusAsync(response);

        Assert.Equal((int)StatusCode.Internal, code);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_frame_is_INTERNAL()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var response = await client.SendAsync(RawGrpc.Request(UnaryPath, RawGrpc.Frame([1, 2, 3], declaredLength: 50)));
        var (code, message, _) = await RawGrpc.ReadStatusAsync(response);

        Assert.Equal((int)StatusCode.Internal, code);
        Assert.Contains("ended inside a message", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_shorter_than_a_frame_prefix_is_INTERNAL()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var response = await client.SendAsync(RawGrpc.Request(UnaryPath, [0, 0, 0]));
        var (code, _, _) = await RawGrpc.ReadStatusAsync(response);

        Assert.Equal((int)StatusCode.Internal, code);
    }

    [Fact]
    public async Task A_payload_that_is_not_the_message_is_INTERNAL()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var response = await client.SendAsync(RawGrpc.Request(UnaryPath, RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF])));
        var (code, message, _) = await RawGrpc.ReadStatusAsync(response);

        Assert.Equal((int)StatusCode.Internal, code);
        Assert.Contains("deserialize", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unary_request_without_a_message_is_INTERNAL()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var response = await client.SendAsync(RawGrpc.Request(UnaryPath, []));
        var (code, _, _) = await RawGrpc.ReadStatusAsync(response);

        Assert.Equal((int)StatusCode.Internal, code);
    }

    [Fact]
    public async Task A_compressed_request_encoding_is_UNIMPLEMENTED()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();
        var request = RawGrpc.UnaryRequest(new EchoRequest());
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");

        using var response = await client.SendAsync(request);
        var (code, _, trailersOnly) = await RawGrpc.ReadStatusAsync(response);

        Assert.Equal((int)StatusCode.Unimplemented, code);
        Assert.True(trailersOnly);
        Assert.Equal("identity", Assert.Single(response.Headers.GetValues("grpc-accept-encoding")));
    }

    [Fact]
    public async Task An_HTTP_1_1_request_is_refused_while_other_clients_keep_working()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        using var open = invoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)));
        await open.RequestStream.WriteAsync(new EchoRequest { Sequence = 1 });
        Assert.True(await open.ResponseStream.MoveNext(default));

        using var http1 = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = server.Address };
        var request = RawGrpc.UnaryRequest(new EchoRequest());
        request.Version = HttpVersion.Version11;
        // The endpoint is HTTP/2 only: Kestrel answers an HTTP/1.x request line with 400 or drops the connection.
        var refused = false;
        try
        {
            using var response = await http1.SendAsync(request);
            refused = response.StatusCode == HttpStatusCode.BadRequest;
        }
        catch (HttpRequestException)
        {
            refused = true;
        }

        Assert.True(refused);
        await open.RequestStream.WriteAsync(new EchoRequest { Sequence = 2 });
        Assert.True(await open.ResponseStream.MoveNext(default));
        Assert.Equal(2, open.ResponseStream.Current.Sequence);
        var reply = await invoker.AsyncUnaryCall(EchoMethods.Unary, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), new EchoRequest { Sequence = 3 });
        Assert.Equal(3, reply.Sequence);
    }

    [Fact]
    public async Task A_malformed_frame_on_one_stream_does_not_disturb_others_on_the_connection()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var bad = await client.SendAsync(RawGrpc.Request(UnaryPath, RawGrpc.Frame([9, 9], flag: 7)));
        using var good = await client.SendAsync(RawGrpc.UnaryRequest(new EchoRequest { Text = "fine" }));

        Assert.Equal((int)StatusCode.Internal, (await RawGrpc.ReadStatusAsync(bad)).Code);
        Assert.Equal(0, (await RawGrpc.ReadStatusAsync(good)).Code);
    }
}
