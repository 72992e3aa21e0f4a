using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>Maps every method of <paramref name="services"/> as a POST endpoint at its full name, plus a
    /// catch-all for other <c>/service/method</c> gRPC requests that answers UNIMPLEMENTED.</summary>
    public static IEndpointRouteBuilder MapGrpcServices(this IEndpointRouteBuilder endpoints, GrpcServiceBuilder services)
    {
        var logger = (endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)
            .CreateLogger("SourceGenSync.Server.Grpc");
        foreach (var handler in services.Handlers)
        {
            endpoints.MapPost(handler.Method.FullName, context => handler.HandleAsync(context, logger))
                .WithDisplayName("gRPC " + handler.Method.FullName);
        }

        // Literal routes above take precedence over this pattern.
        endpoints.MapPost("/{service}/{method}", context => UnimplementedAsync(context, logger))
            .WithDisplayName("gRPC unimplemented method");
        return endpoints;
    }

    internal static Task UnimplementedAsync(HttpContext context, ILogger logger)
    {
        if (!GrpcProtocol.IsGrpcContentType(context.Request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound; // not a gRPC request at all
            return Task.CompletedTask;
        }

        var path = context.Request.Path.Value ?? "";
        GrpcServerLog.UnimplementedMethod(logger, path);
        GrpcResponses.TrailersOnly(context.Response, new Status(StatusCode.Unimplemented, $"Method is unimplemented: {path}"));
        return Task.CompletedTask;
    }
}
