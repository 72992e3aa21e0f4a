using System;
using Microsoft.AspNetCore.Http;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

public static class ServerCallContextExtensions
{
    /// <summary>The ASP.NET Core request behind a call hosted by <see cref="GrpcServiceBuilder"/> (connection
    /// details, features, request services).</summary>
    public static HttpContext GetHttpContext(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is HttpServerCallContext http
            ? http.HttpContext
            : throw new InvalidOperationException("This call is not hosted by SourceGenSync.Server.Grpc.");
    }
}
