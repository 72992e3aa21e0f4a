using System;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Protocol.Tests.Grpc;

/// <summary>Our client against an independent server: @grpc/grpc-js (Tests/Interop/grpc-js/server.js).</summary>
public sealed class GrpcJsServerInteropTests : IAsyncLifetime
{
    private NodeProcess? _server;
    private GrpcHttpChannel? _channel;

    private CallInvoker Invoker => _channel!.CreateCallInvoker();

    private static CallOptions Options(Metadata? headers = null) => new(headers, DateTime.UtcNow.AddSeconds(30));

    public async Task InitializeAsync()
    {
        _server = await NodeProcess.StartServerAsync();
        _channel = new GrpcHttpChannel(new Uri($"http://127.0.0.1:{_server.Port}"));
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Our_client_makes_a_unary_call_to_a_grpc_js_server()
    {
        using var call = Invoker.AsyncUnaryCall(EchoMethods.Unary, Options(new Metadata().Add("x-echo", "from-dotnet")), new EchoRequest { Text = "hello", Sequence = 5 });
        var reply = await call;

        Assert.Equal("hello", reply.Text);
        Assert.Equal(5, reply.Sequence);
        Assert.Equal("from-dotnet", reply.MetadataEcho);
        Assert.Equal("grpc-js", (await call.ResponseHeadersAsync).GetValue("x-response-header"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Our_client_streams_both_ways_with_a_grpc_js_server()
    {
        const int Count = 3000;
        using var call = Invoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < Count; i++)
            {
                await call.RequestStream.WriteAsync(new EchoRequest { Sequence = i });
            }

            await call.RequestStream.CompleteAsync();
        });

        var received = 0;
        while (await call.ResponseStream.MoveNext(default))
        {
            Assert.Equal(received++, call.ResponseStream.Current.Sequence);
        }

        await writer;
        Assert.Equal(Count, received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Our_client_receives_a_grpc_js_error_status_with_message_and_trailers()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Invoker.AsyncUnaryCall(EchoMethods.Unary, Options(), new EchoRequest { FailWithCode = (int)StatusCode.PermissionDenied, FailMessage = "not yours: ü 100%" }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("not yours: ü 100%", error.Status.Detail);
        Assert.Equal("from-grpc-js", error.Trailers.GetValue("x-error-detail"));
    }

    [Fact]
    public async Task Our_client_receives_a_grpc_js_streaming_error_after_earlier_replies()
    {
        using var call = Invoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, Options());
        await call.RequestStream.WriteAsync(new EchoRequest { Sequence = 1 });
        Assert.True(await call.ResponseStream.MoveNext(default));
        await call.RequestStream.WriteAsync(new EchoRequest { FailWithCode = (int)StatusCode.OutOfRange, FailMessage = "too far" });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("too far", error.Status.Detail);
    }

    [Fact]
    public async Task Our_client_gets_UNIMPLEMENTED_from_grpc_js_for_an_unknown_method()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Invoker.AsyncUnaryCall(EchoMethods.Missing, Options(), new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Our_client_deadline_is_enforced_against_grpc_js()
    {
        // The grpc-js server sees our grpc-timeout; either side may end the call, the status is the same.
        using var call = Invoker.AsyncDuplexStreamingCall(EchoMethods.Duplex, new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300)));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(default).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
