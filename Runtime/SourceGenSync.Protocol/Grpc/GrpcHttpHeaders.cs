using System.Linq;
using System.Net.Http.Headers;

namespace SourceGenSync.Grpc;

/// <summary>HttpClient header collections to and from gRPC metadata.</summary>
internal static class GrpcHttpHeaders
{
    public static string? Single(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>User metadata: every header the transport does not own; <c>-bin</c> values base64-decoded.</summary>
    public static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                GrpcProtocol.AddReceivedHeader(metadata, name, value);
            }
        }

        return metadata.Freeze();
    }
}
