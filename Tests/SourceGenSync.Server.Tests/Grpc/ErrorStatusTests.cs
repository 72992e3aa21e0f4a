using System;
using System.Net;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

public sealed class ErrorStatusTests
{
    private static CallOptions Options() => new(deadline: DateTime.UtcNow.AddSeconds(30));

    [Fact]
    public async Task RpcException_from_a_handler_reaches_the_client_with_status_message_and_trailers()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();

        var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options(),
            new EchoRequest { FailWithCode = (int)StatusCode.NotFound, FailMessage = "no such thing: ü 100% \n done" });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("no such thing: ü 100% \n done", error.Status.Detail); // percent-encoded on the wire
        Assert.Equal("from-kestrel", error.Trailers.GetValue("x-error-detail"));
        Assert.Equal(StatusCode.NotFound, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task An_error_before_any_message_is_a_Trailers_Only_response()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();

        using var response = await client.SendAsync(RawGrpc.UnaryRequest(new EchoRequest { FailWithCode = 7, FailMessage = "denied" }));
        var (code, message, trailersOnly) = await RawGrpc.ReadStatusAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(trailersOnly, "grpc-status should be in the response headers");
        Assert.Equal(7, code);
        Assert.Equal("denied", message);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_handler_exception_is_INTERNAL_without_its_details_and_is_logged()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, Options(), new EchoRequest { Text = "throw" }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("hunter2", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 4100 && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task An_unknown_method_is_UNIMPLEMENTED()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Missing, Options(), new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("/sourcegensync.test.echo.Echo/Missing", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_service_is_UNIMPLEMENTED_and_method_names_are_case_sensitive()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();
        var otherService = new Method<EchoRequest, EchoReply>(MethodType.Unary, "nope.Service", "Unary", EchoMethods.RequestMarshaller, EchoMethods.ReplyMarshaller);
        var wrongCase = new Method<EchoRequest, EchoReply>(MethodType.Unary, EchoMethods.ServiceName, "unary", EchoMethods.RequestMarshaller, EchoMethods.ReplyMarshaller);

        var first = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(otherService, Options(), new EchoRequest()));
        var second = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(wrongCase, Options(), new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, first.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, second.StatusCode);
    }

    [Fact]
    public async Task Duplex_handler_error_arrives_in_trailers_after_earlier_replies()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());

        await call.RequestStream.WriteAsync(new EchoRequest { Sequence = 1 });
        await call.RequestStream.WriteAsync(new EchoRequest { FailWithCode = (int)StatusCode.FailedPrecondition, FailMessage = "stop" });
        Assert.True(await call.ResponseStream.MoveNext(default));
        Assert.Equal(1, call.ResponseStream.Current.Sequence);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("stop", error.Status.Detail);
        Assert.Equal("from-kestrel", call.GetTrailers().GetValue("x-error-detail"));
    }

    [Fact]
    public async Task Writing_after_the_server_ended_the_call_with_an_error_throws_that_status()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());
        await call.RequestStream.WriteAsync(new EchoRequest { FailWithCode = (int)StatusCode.Aborted, FailMessage = "gone" });
        var reading = Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Sequence = i });
            }
        });

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(StatusCode.Aborted, (await reading).StatusCode);
    }

    [Fact]
    public async Task Writing_after_the_server_completed_the_call_throws_InvalidOperationException()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "end-now" });

        Assert.False(await call.ResponseStream.MoveNext(default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Status_is_unavailable_while_the_call_runs()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(default));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.DoesNotContain(call.GetTrailers(), e => e.Key == "grpc-status");
    }
}
