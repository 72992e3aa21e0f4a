using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

public sealed class DeadlineAndCancellationTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Client_deadline_ends_the_call_with_DEADLINE_EXCEEDED_and_cancels_the_server_handler()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();

        var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300)), new EchoRequest { Text = "wait" });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(Generous));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(await server.Probe.WaitCancelled.Task.WaitAsync(Generous));
    }

    [Fact]
    public async Task Server_enforces_grpc_timeout_with_DEADLINE_EXCEEDED()
    {
        await using var server = await EchoServer.StartAsync();
        using var client = server.CreateRawClient();
        var request = RawGrpc.UnaryRequest(new EchoRequest { Text = "wait" });
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m"); // no client-side timer: the server must act

        using var response = await client.SendAsync(request);
        var (code, message, _) = await RawGrpc.ReadStatusAsync(response);

        Assert.Equal((int)StatusCode.DeadlineExceeded, code);
        Assert.Equal("Deadline Exceeded", message);
        Assert.True(await server.Probe.WaitCancelled.Task.WaitAsync(Generous));
    }

    [Fact]
    public async Task Deadline_is_sent_as_grpc_timeout_and_seen_by_the_handler()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var deadline = DateTime.UtcNow.AddMinutes(10);

        await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions(deadline: deadline), new EchoRequest());

        // The timeout travels in whole milliseconds rounded up, so the server's deadline is never earlier.
        Assert.InRange(server.Probe.LastDeadline, deadline.AddSeconds(-30), deadline.AddSeconds(30));
    }

    [Fact]
    public async Task A_call_without_deadline_has_DateTime_MaxValue_on_the_server()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();

        await channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, default, new EchoRequest());

        Assert.Equal(DateTime.MaxValue, server.Probe.LastDeadline);
    }

    [Fact]
    public async Task Duplex_deadline_exceeded_while_reading()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300)));

        await call.RequestStream.WriteAsync(new EchoRequest { Text = "wait" });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default).WaitAsync(Generous));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(await server.Probe.WaitCancelled.Task.WaitAsync(Generous));
    }

    [Fact]
    public async Task Cancelling_the_token_ends_the_call_with_CANCELLED_and_the_server_sees_it()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cts = new CancellationTokenSource();

        var call = channel.CreateCallInvoker().AsyncUnaryCall(EchoMethods.Unary, new CallOptions(cancellationToken: cts.Token), new EchoRequest { Text = "wait" });
        await server.Probe.WaitStarted.Task.WaitAsync(Generous);
        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(Generous));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(await server.Probe.WaitCancelled.Task.WaitAsync(Generous));
    }

    [Fact]
    public async Task Disposing_a_duplex_call_resets_the_stream_and_cancels_the_server_handler()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, default);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "wait" });
        await server.Probe.WaitStarted.Task.WaitAsync(Generous);

        call.Dispose();

        Assert.True(await server.Probe.WaitCancelled.Task.WaitAsync(Generous));
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_read_cancels_the_call()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(EchoMethods.Duplex, default);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "wait" });
        await server.Probe.WaitStarted.Task.WaitAsync(Generous);
        using var cts = new CancellationTokenSource();

        var read = call.ResponseStream.MoveNext(cts.Token);
        await cts.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => read.WaitAsync(Generous));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(await server.Probe.WaitCancelled.Task.WaitAsync(Generous));
    }
}
