using System;
using System.Buffers.Binary;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Tests.Echo;

namespace SourceGenSync.Server.Tests.Grpc;

/// <summary>Hand-made gRPC requests over a plain HTTP/2 HttpClient, for input our client never produces.</summary>
internal static class RawGrpc
{
    public static byte[] Frame(IMessage message, byte flag = 0) => Frame(message.ToByteArray(), flag);

    public static byte[] Frame(byte[] payload, byte flag = 0, int? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? payload.Length));
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static HttpRequestMessage Request(string path, byte[] body, string contentType = "application/grpc")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        // HttpClient.DefaultRequestVersion only applies to its helper methods, not to a message sent as is.
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    public static HttpRequestMessage UnaryRequest(EchoRequest message) => Request("/sourcegensync.test.echo.Echo/Unary", Frame(message));

    /// <summary>Reads the whole response; returns (grpc-status, grpc-message, whether it was Trailers-Only).</summary>
    public static async Task<(int? Code, string? Message, bool TrailersOnly)> ReadStatusAsync(HttpResponseMessage response)
    {
        await response.Content.ReadAsByteArrayAsync();
        if (response.Headers.TryGetValues("grpc-status", out var headerValues))
        {
            return (int.Parse(headerValues.First(), System.Globalization.CultureInfo.InvariantCulture), Single(response.Headers, "grpc-message"), true);
        }

        if (response.TrailingHeaders.TryGetValues("grpc-status", out var trailerValues))
        {
            return (int.Parse(trailerValues.First(), System.Globalization.CultureInfo.InvariantCulture), Single(response.TrailingHeaders, "grpc-message"), false);
        }

        return (null, null, false);
    }

    private static string? Single(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? Uri.UnescapeDataString(values.First()) : null;
}
