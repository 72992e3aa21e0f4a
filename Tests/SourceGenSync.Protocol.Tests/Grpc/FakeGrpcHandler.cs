using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;

namespace SourceGenSync.Protocol.Tests.Grpc;

/// <summary>An HttpMessageHandler standing in for a server, to give our client responses a real server would
/// rarely send (HTTP errors, bad frames, missing trailers).</summary>
internal sealed class FakeGrpcHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, byte[], HttpResponseMessage> _respond;

    public FakeGrpcHandler(Func<HttpRequestMessage, byte[], HttpResponseMessage> respond) => _respond = respond;

    public int Requests { get; private set; }

    public HttpRequestMessage? LastRequest { get; private set; }

    public byte[]? LastBody { get; private set; }

    public static byte[] Frame(IMessage message, byte flag = 0)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>A 200 response with a gRPC body and trailers.</summary>
    public static HttpResponseMessage Grpc(byte[] body, string? grpcStatus = "0", string? grpcMessage = null, string contentType = "application/grpc")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, Version = HttpVersion.Version20 };
        if (grpcStatus is not null)
        {
            response.TrailingHeaders.TryAddWithoutValidation("grpc-status", grpcStatus);
        }

        if (grpcMessage is not null)
        {
            response.TrailingHeaders.TryAddWithoutValidation("grpc-message", grpcMessage);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        LastRequest = request;
        // A unary request body ends after its one message, so it can be read whole here.
        LastBody = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return _respond(request, LastBody);
    }
}
