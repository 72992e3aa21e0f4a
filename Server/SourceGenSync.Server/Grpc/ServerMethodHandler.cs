using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

/// <summary>What every method does around its handler: refuse what is not a gRPC call (HTTP/1.x → 426,
/// wrong content-type → 415), lift Kestrel's per-request body limits, build the call context (deadline),
/// map how the handler ended to a status, and send that status.</summary>
internal abstract class ServerMethodHandler
{
    protected ServerMethodHandler(IMethod method, GrpcServerOptions options)
    {
        Method = method;
        Options = options;
    }

    public IMethod Method { get; }

    protected GrpcServerOptions Options { get; }

    public async Task HandleAsync(HttpContext httpContext, ILogger logger)
    {
        var request = httpContext.Request;
        if (!string.Equals(request.Path.Value, Method.FullName, StringComparison.Ordinal))
        {
            // Routing matches paths case-insensitively; gRPC method names are case-sensitive.
            await GrpcEndpointRouteBuilderExtensions.UnimplementedAsync(httpContext, logger).ConfigureAwait(false);
            return;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            GrpcServerLog.UnsupportedProtocol(logger, Method.FullName, request.Protocol);
            GrpcResponses.HttpError(httpContext.Response, StatusCodes.Status426UpgradeRequired,
                new Status(StatusCode.Internal, $"Request protocol '{request.Protocol}' is not supported: gRPC requires HTTP/2."));
            return;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            // PROTOCOL-HTTP2: 415, so that non-gRPC HTTP clients do not read a 200 as success.
            GrpcServerLog.UnsupportedContentType(logger, Method.FullName, request.ContentType);
            GrpcResponses.HttpError(httpContext.Response, StatusCodes.Status415UnsupportedMediaType,
                new Status(StatusCode.Internal, $"Content-Type '{request.ContentType}' is not supported: use application/grpc."));
            return;
        }

        var encoding = request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && encoding != "identity")
        {
            httpContext.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = "identity";
            GrpcResponses.TrailersOnly(httpContext.Response,
                new Status(StatusCode.Unimplemented, $"Request compression '{encoding}' is not supported (grpc-accept-encoding: identity)."));
            return;
        }

        LiftBodyLimits(httpContext);
        httpContext.Response.ContentType = GrpcProtocol.ContentType;
        using var context = new HttpServerCallContext(httpContext, Method.FullName, Options, logger);
        Status status;
        try
        {
            await RunAsync(context).ConfigureAwait(false);
            status = context.Status;
        }
        catch (Exception ex)
        {
            status = StatusFromException(ex, context, logger);
        }

        if (context.DeadlineExceeded)
        {
            GrpcServerLog.DeadlineExceeded(logger, Method.FullName);
            status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        await context.CompleteAsync(status).ConfigureAwait(false);
    }

    /// <summary>Reads the request, runs the handler, writes the response messages.</summary>
    protected abstract Task RunAsync(HttpServerCallContext context);

    /// <summary>Pitfall 5: the whole-body size limit (30 MB) and the minimum data rate (an idle stream dies
    /// after a few seconds) are for uploads, not for long-lived gRPC streams; message size limits apply instead.</summary>
    private static void LiftBodyLimits(HttpContext httpContext)
    {
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxSize)
        {
            maxSize.MaxRequestBodySize = null;
        }

        if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }
    }

    private Status StatusFromException(Exception ex, HttpServerCallContext context, ILogger logger)
    {
        if (ex is RpcException rpc)
        {
            foreach (var entry in rpc.Trailers)
            {
                context.ResponseTrailers.Add(entry);
            }

            GrpcServerLog.CallFailed(logger, Method.FullName, rpc.StatusCode, rpc.Status.Detail);
            return rpc.Status;
        }

        if (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream or disconnected: whatever the handler threw, it was cancelled.
            GrpcServerLog.ClientCancelled(logger, Method.FullName);
            return Status.DefaultCancelled;
        }

        if (ex is OperationCanceledException && context.DeadlineExceeded)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (ex is IOException && context.CancellationToken.IsCancellationRequested)
        {
            return Status.DefaultCancelled;
        }

        // The exception text stays in the log: it may hold internals the client must not see.
        GrpcServerLog.HandlerException(logger, Method.FullName, ex);
        return new Status(StatusCode.Internal, "Exception was thrown by handler.");
    }
}
