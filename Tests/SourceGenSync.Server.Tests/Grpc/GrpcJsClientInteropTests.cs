using System.Threading.Tasks;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

/// <summary>@grpc/grpc-js (an independent implementation) as the client of our Kestrel hosting.</summary>
public sealed class GrpcJsClientInteropTests
{
    private static async Task<System.Text.Json.JsonElement> RunAsync(string scenario)
    {
        await using var server = await EchoServer.StartAsync();
        return await NodeProcess.RunClientAsync($"127.0.0.1:{server.Address.Port}", scenario);
    }

    [Fact]
    public async Task Grpc_js_client_makes_a_unary_call_to_our_server()
    {
        var result = await RunAsync("unary");

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal("hello", result.GetProperty("text").GetString());
        Assert.Equal(7, result.GetProperty("sequence").GetInt32());
        Assert.Equal("from-grpc-js", result.GetProperty("metadataEcho").GetString());
    }

    [Fact]
    public async Task Grpc_js_client_streams_both_ways_with_our_server()
    {
        var result = await RunAsync("bidi");

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(2000, result.GetProperty("received").GetInt32());
        Assert.True(result.GetProperty("inOrder").GetBoolean());
    }

    [Fact]
    public async Task Grpc_js_client_receives_our_error_status_message_and_trailers()
    {
        var result = await RunAsync("error");

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(5, result.GetProperty("code").GetInt32());
        Assert.Equal("nothing here: ü 100%", result.GetProperty("details").GetString());
        Assert.Equal("from-kestrel", result.GetProperty("errorDetail").GetString());
    }

    [Fact]
    public async Task Grpc_js_client_receives_a_streaming_error_after_earlier_replies()
    {
        var result = await RunAsync("bidi-error");

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(9, result.GetProperty("code").GetInt32());
        Assert.Equal("stop here", result.GetProperty("details").GetString());
        Assert.Equal(2, result.GetProperty("received").GetInt32());
    }
}
