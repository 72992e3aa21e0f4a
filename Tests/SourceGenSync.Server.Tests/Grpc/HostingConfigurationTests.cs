using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SourceGenSync.Grpc;
using SourceGenSync.Server.Grpc;
using SourceGenSync.Tests.Echo;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

public sealed class HostingConfigurationTests
{
    [Fact]
    public void ConfigureForGrpc_sets_the_HTTP2_limits_and_keepalive()
    {
        var kestrel = new KestrelServerOptions();
        var options = new GrpcServerOptions
        {
            MaxStreamsPerConnection = 321,
            KeepAlivePingDelay = TimeSpan.FromSeconds(11),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(7),
        };

        kestrel.ConfigureForGrpc(options);

        Assert.Equal(321, kestrel.Limits.Http2.MaxStreamsPerConnection);
        Assert.Equal(TimeSpan.FromSeconds(11), kestrel.Limits.Http2.KeepAlivePingDelay);
        Assert.Equal(TimeSpan.FromSeconds(7), kestrel.Limits.Http2.KeepAlivePingTimeout);
        Assert.Equal(options.InitialStreamWindowSize, kestrel.Limits.Http2.InitialStreamWindowSize);
    }

    [Fact]
    public void The_service_builder_refuses_duplicates_and_mismatched_method_types()
    {
        var builder = new GrpcServiceBuilder().AddUnary(EchoMethods.Unary, (r, c) => Task.FromResult(new EchoReply()));

        Assert.Throws<InvalidOperationException>(() => builder.AddUnary(EchoMethods.Unary, (r, c) => Task.FromResult(new EchoReply())));
        Assert.Throws<ArgumentException>(() => builder.AddUnary(EchoMethods.Duplex, (r, c) => Task.FromResult(new EchoReply())));
        Assert.Throws<ArgumentException>(() => builder.AddDuplexStreaming(EchoMethods.Unary, (r, w, c) => Task.CompletedTask));
        Assert.Equal(["/sourcegensync.test.echo.Echo/Unary"], builder.MethodNames);
    }

    [Fact]
    public async Task Handlers_see_the_method_peer_and_the_HTTP2_request()
    {
        var context = new Method<EchoRequest, EchoReply>(MethodType.Unary, EchoMethods.ServiceName, "Context", EchoMethods.RequestMarshaller, EchoMethods.ReplyMarshaller);
        await using var server = await EchoServer.StartAsync(addServices: services => services.AddUnary(context, (request, call) =>
            Task.FromResult(new EchoReply { Text = $"{call.Method}|{call.Peer}|{call.GetHttpContext().Request.Protocol}" })));
        using var channel = server.CreateChannel();

        var reply = await channel.CreateCallInvoker().AsyncUnaryCall(context, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), new EchoRequest());

        var parts = reply.Text.Split('|');
        Assert.Equal("/sourcegensync.test.echo.Echo/Context", parts[0]);
        Assert.StartsWith("ipv4:127.0.0.1:", parts[1], StringComparison.Ordinal);
        Assert.Equal("HTTP/2", parts[2]);
    }
}
