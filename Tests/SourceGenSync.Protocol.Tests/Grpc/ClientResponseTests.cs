using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Protocol.Tests.Grpc;

/// <summary>How our client reads what a server sends, using a fake handler in place of the network.</summary>
public sealed class ClientResponseTests
{
    private static readonly Uri Address = new("http://127.0.0.1:1");

    private static async Task<RpcException> FailingCallAsync(Func<HttpRequestMessage, byte[], HttpResponseMessage> respond, Action<GrpcChannelOptions>? configure = null)
    {
        var options = new GrpcChannelOptions { HttpHandler = new FakeGrpcHandler(respond), DisposeHttpHandler = true };
        configure?.Invoke(options);
        using var channel = new GrpcHttpChannel(Address, options);
        return await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), new EchoRequest()));
    }

    [Fact]
    public async Task Request_carries_the_headers_PROTOCOL_HTTP2_requires()
    {
        var handler = new FakeGrpcHandler((_, _) => FakeGrpcHandler.Grpc(FakeGrpcHandler.Frame(new EchoReply { Text = "ok" })));
        using var channel = new GrpcHttpChannel(Address, new GrpcChannelOptions { HttpHandler = handler });
        var metadata = new Metadata().Add("authorization", "Bearer t").Add("trace-bin", new byte[] { 1, 2 });

        var reply = await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions(metadata, DateTime.UtcNow.AddSeconds(20)), new EchoRequest { Text = "q" });

        var request = handler.LastRequest!;
        Assert.Equal("ok", reply.Text);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/sourcegensync.test.echo.Echo/Unary", request.RequestUri!.AbsolutePath);
        Assert.Equal(HttpVersion.Version20, request.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, request.VersionPolicy);
        Assert.Equal("trailers", request.Headers.GetValues("te").Single());
        Assert.Equal("application/grpc", request.Content!.Headers.ContentType!.MediaType);
        Assert.StartsWith("grpc-sourcegensync/", request.Headers.UserAgent.ToString(), StringComparison.Ordinal);
        var timeout = request.Headers.GetValues("grpc-timeout").Single();
        Assert.True(GrpcProtocol.TryParseTimeout(timeout, out var parsed) && parsed > TimeSpan.FromSeconds(15) && parsed <= TimeSpan.FromSeconds(20), timeout);
        Assert.Equal("Bearer t", request.Headers.GetValues("authorization").Single());
        Assert.Equal("AQI", request.Headers.GetValues("trace-bin").Single());
        Assert.Equal(FakeGrpcHandler.Frame(new EchoRequest { Text = "q" }), handler.LastBody);
    }

    [Fact]
    public async Task Trailers_Only_status_is_read_from_the_headers()
    {
        var error = await FailingCallAsync((_, _) =>
        {
            var response = FakeGrpcHandler.Grpc([], grpcStatus: null);
            response.Headers.TryAddWithoutValidation("grpc-status", "16");
            response.Headers.TryAddWithoutValidation("grpc-message", "token%20expired");
            return response;
        });

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("token expired", error.Status.Detail);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, StatusCode.Internal)]
    [InlineData(HttpStatusCode.Unauthorized, StatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.Forbidden, StatusCode.PermissionDenied)]
    [InlineData(HttpStatusCode.NotFound, StatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.TooManyRequests, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.BadGateway, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.InternalServerError, StatusCode.Unknown)]
    public async Task A_non_200_response_maps_to_the_spec_status(HttpStatusCode http, StatusCode expected)
    {
        var error = await FailingCallAsync((_, _) => new HttpResponseMessage(http) { Content = new ByteArrayContent([]) });

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(((int)http).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_that_is_not_gRPC_is_UNKNOWN()
    {
        var error = await FailingCallAsync((_, _) => FakeGrpcHandler.Grpc([], contentType: "text/html"));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("text/html", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compressed_response_frame_is_INTERNAL()
    {
        var error = await FailingCallAsync((_, _) => FakeGrpcHandler.Grpc(FakeGrpcHandler.Frame(new EchoReply(), flag: 1)));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task A_response_compressed_with_an_unrequested_encoding_is_UNIMPLEMENTED()
    {
        var error = await FailingCallAsync((_, _) =>
        {
            var response = FakeGrpcHandler.Grpc(FakeGrpcHandler.Frame(new EchoReply()));
            response.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
            return response;
        });

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task A_truncated_response_frame_is_INTERNAL()
    {
        var error = await FailingCallAsync((_, _) => FakeGrpcHandler.Grpc(FakeGrpcHandler.Frame(new EchoReply { Text = "cut" })[..^2]));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("ended inside a message", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_without_grpc_status_is_INTERNAL()
    {
        var error = await FailingCallAsync((_, _) => FakeGrpcHandler.Grpc(FakeGrpcHandler.Frame(new EchoReply()), grpcStatus: null));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task A_unary_response_with_two_messages_or_none_is_INTERNAL()
    {
        var two = await FailingCallAsync((_, _) => FakeGrpcHandler.Grpc([.. FakeGrpcHandler.Frame(new EchoReply()), .. FakeGrpcHandler.Frame(new EchoReply())]));
        var none = await FailingCallAsync((_, _) => FakeGrpcHandler.Grpc([]));

        Assert.Equal(StatusCode.Internal, two.StatusCode);
        Assert.Equal(StatusCode.Internal, none.StatusCode);
    }

    [Fact]
    public async Task A_response_over_the_receive_limit_is_RESOURCE_EXHAUSTED()
    {
        var error = await FailingCallAsync(
            (_, _) => FakeGrpcHandler.Grpc(FakeGrpcHandler.Frame(new EchoReply { Text = new string('x', 500) })),
            o => o.MaxReceiveMessageSize = 100);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task An_error_status_in_trailers_is_thrown_with_its_trailers()
    {
        var error = await FailingCallAsync((_, _) =>
        {
            var response = FakeGrpcHandler.Grpc([], grpcStatus: "6", grpcMessage: "already%20there");
            response.TrailingHeaders.TryAddWithoutValidation("x-id", "42");
            return response;
        });

        Assert.Equal(new Status(StatusCode.AlreadyExists, "already there"), error.Status);
        Assert.Equal("42", error.Trailers.GetValue("x-id"));
    }

    [Fact]
    public async Task A_connection_failure_is_UNAVAILABLE()
    {
        var error = await FailingCallAsync((_, _) => throw new HttpRequestException("connection refused"));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("connection refused", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_already_passed_or_a_cancelled_token_fails_without_sending()
    {
        var handler = new FakeGrpcHandler((_, _) => FakeGrpcHandler.Grpc(FakeGrpcHandler.Frame(new EchoReply())));
        using var channel = new GrpcHttpChannel(Address, new GrpcChannelOptions { HttpHandler = handler });
        var invoker = channel.CreateCallInvoker();

        var late = await Assert.ThrowsAsync<RpcException>(async () =>
            await invoker.AsyncUnaryCall(EchoMethods.Unary, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1)), new EchoRequest()));
        var cancelled = await Assert.ThrowsAsync<RpcException>(async () =>
            await invoker.AsyncUnaryCall(EchoMethods.Unary, new CallOptions(cancellationToken: new CancellationToken(true)), new EchoRequest()));

        Assert.Equal(StatusCode.DeadlineExceeded, late.StatusCode);
        Assert.Equal(StatusCode.Cancelled, cancelled.StatusCode);
        Assert.Equal(0, handler.Requests);
    }

    [Fact]
    public async Task A_message_over_the_send_limit_fails_without_sending()
    {
        var handler = new FakeGrpcHandler((_, _) => FakeGrpcHandler.Grpc(FakeGrpcHandler.Frame(new EchoReply())));
        using var channel = new GrpcHttpChannel(Address, new GrpcChannelOptions { HttpHandler = handler, MaxSendMessageSize = 10 });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest { Text = new string('x', 100) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.True(handler.LastBody is null || handler.LastBody.Length == 0);
    }

    [Fact]
    public void Channel_rejects_addresses_that_are_not_http()
    {
        Assert.Throws<ArgumentException>(() => new GrpcHttpChannel(new Uri("ftp://host")));
        Assert.Throws<ArgumentException>(() => new GrpcHttpChannel(new Uri("/relative", UriKind.Relative)));
    }
}
