using System.Globalization;
using Microsoft.AspNetCore.Http;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

/// <summary>Kestrel header dictionaries to and from gRPC metadata, and the status headers of a response.</summary>
internal static class RequestMetadata
{
    public static Metadata FromHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                GrpcProtocol.AddReceivedHeader(metadata, name, value);
            }
        }

        return metadata.Freeze();
    }

    public static void AppendTo(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (!GrpcProtocol.IsReservedHeader(entry.Key))
            {
                headers.Append(entry.Key, entry.Value);
            }
        }
    }
}

/// <summary>Responses sent before or instead of a handler: Trailers-Only errors and HTTP-level refusals.</summary>
internal static class GrpcResponses
{
    public static void SetStatusHeaders(HttpResponse response, Status status)
    {
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (status.Detail.Length > 0)
        {
            response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.PercentEncode(status.Detail);
        }
    }

    /// <summary>A Trailers-Only response: HTTP 200 with grpc-status in the headers and no body.</summary>
    public static void TrailersOnly(HttpResponse response, Status status)
    {
        response.StatusCode = StatusCodes.Status200OK;
        SetStatusHeaders(response, status);
    }

    /// <summary>A refusal at the HTTP level (415, 426) that still tells gRPC clients why.</summary>
    public static void HttpError(HttpResponse response, int httpStatus, Status status)
    {
        response.StatusCode = httpStatus;
        SetStatusHeaders(response, status);
    }
}
