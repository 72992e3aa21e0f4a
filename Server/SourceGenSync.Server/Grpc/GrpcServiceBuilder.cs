using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

/// <summary>The methods a server answers, each with its handler. Register everything, then pass the builder
/// to <see cref="GrpcEndpointRouteBuilderExtensions.MapGrpcServices"/>.</summary>
public sealed class GrpcServiceBuilder
{
    private readonly Dictionary<string, ServerMethodHandler> _handlers = new(StringComparer.Ordinal);

    public GrpcServiceBuilder(GrpcServerOptions? options = null)
    {
        Options = options ?? new GrpcServerOptions();
    }

    public GrpcServerOptions Options { get; }

    /// <summary>Full names (<c>/package.Service/Method</c>) of the registered methods.</summary>
    public IReadOnlyCollection<string> MethodNames => _handlers.Keys;

    internal IEnumerable<ServerMethodHandler> Handlers => _handlers.Values;

    public GrpcServiceBuilder AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(method, MethodType.Unary, new UnaryMethodHandler<TRequest, TResponse>(method, handler, Options));
    }

    public GrpcServiceBuilder AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(method, MethodType.DuplexStreaming, new DuplexStreamingMethodHandler<TRequest, TResponse>(method, handler, Options));
    }

    private GrpcServiceBuilder Add(IMethod method, MethodType expected, ServerMethodHandler handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method {method.FullName} is {method.Type}, not {expected}.", nameof(method));
        }

        if (!_handlers.TryAdd(method.FullName, handler))
        {
            throw new InvalidOperationException($"Method {method.FullName} is already registered.");
        }

        return this;
    }
}
