using System;
using System.Net.Http;
using SourceGenSync.Grpc;

namespace SourceGenSync.Protocol.Tests.Grpc;

public sealed class ChannelOptionsTests
{
    [Fact]
    public void Defaults_follow_gRPC_conventions()
    {
        var options = new GrpcChannelOptions();

        Assert.Equal(4 * 1024 * 1024, options.MaxReceiveMessageSize);
        Assert.Equal(4 * 1024 * 1024, options.MaxSendMessageSize);
        Assert.True(options.EnableMultipleHttp2Connections);
    }

    [Fact]
    public void The_channels_own_handler_carries_keepalive_and_connection_settings()
    {
        using var handler = GrpcHttpChannel.CreateHandler(new GrpcChannelOptions
        {
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            EnableMultipleHttp2Connections = false,
        });

        Assert.Equal(TimeSpan.FromSeconds(15), handler.KeepAlivePingDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), handler.KeepAlivePingTimeout);
        Assert.Equal(HttpKeepAlivePingPolicy.WithActiveRequests, handler.KeepAlivePingPolicy);
        Assert.False(handler.EnableMultipleHttp2Connections);
        Assert.False(handler.UseProxy);
    }

    [Fact]
    public void Negative_message_limits_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrpcHttpChannel(new Uri("http://127.0.0.1:1"), new GrpcChannelOptions { MaxReceiveMessageSize = -1 }));
    }
}
