using System;
using Microsoft.Extensions.Logging;

namespace SourceGenSync.Server.Grpc;

/// <summary>Log messages of the gRPC hosting; event ids 4100–4199 are stable.</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Error, Message = "gRPC handler for {Method} threw an exception; answered INTERNAL")]
    public static partial void HandlerException(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "gRPC call to unknown method {Path}; answered UNIMPLEMENTED")]
    public static partial void UnimplementedMethod(ILogger logger, string path);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "gRPC request to {Method} with content-type '{ContentType}'; answered 415")]
    public static partial void UnsupportedContentType(ILogger logger, string method, string? contentType);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "gRPC request to {Method} over {Protocol}; answered 426 (HTTP/2 is required)")]
    public static partial void UnsupportedProtocol(ILogger logger, string method, string protocol);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "gRPC call {Method} exceeded its deadline")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "gRPC call {Method} was cancelled by the client")]
    public static partial void ClientCancelled(ILogger logger, string method);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "gRPC call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, global::SourceGenSync.Grpc.StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Debug, Message = "gRPC call {Method} sent an invalid grpc-timeout '{Value}'; ignored")]
    public static partial void InvalidTimeout(ILogger logger, string method, string value);
}
