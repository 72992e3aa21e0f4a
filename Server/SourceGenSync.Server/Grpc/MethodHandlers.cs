using System;
using System.Threading.Tasks;
using SourceGenSync.Grpc;

namespace SourceGenSync.Server.Grpc;

internal sealed class UnaryMethodHandler<TRequest, TResponse> : ServerMethodHandler
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Func<TRequest, ServerCallContext, Task<TResponse>> _handler;

    public UnaryMethodHandler(Method<TRequest, TResponse> method, Func<TRequest, ServerCallContext, Task<TResponse>> handler, GrpcServerOptions options)
        : base(method, options)
    {
        _method = method;
        _handler = handler;
    }

    protected override async Task RunAsync(HttpServerCallContext context)
    {
        var reader = new ServerRequestReader<TRequest>(context.HttpContext.Request.BodyReader, _method.RequestMarshaller, Options.MaxReceive, context);
        var request = await reader.ReadSingleAsync().ConfigureAwait(false);
        var response = await _handler(request, context).ConfigureAwait(false);
        if (context.Status.StatusCode == StatusCode.OK)
        {
            context.WriteUnaryFrame(_method.ResponseMarshaller.SerializeFrame(response, Options.MaxSend));
        }
    }
}

internal sealed class DuplexStreamingMethodHandler<TRequest, TResponse> : ServerMethodHandler
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> _handler;

    public DuplexStreamingMethodHandler(Method<TRequest, TResponse> method, Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler, GrpcServerOptions options)
        : base(method, options)
    {
        _method = method;
        _handler = handler;
    }

    protected override async Task RunAsync(HttpServerCallContext context)
    {
        if (Options.SendDuplexHeadersImmediately)
        {
            await context.StartResponseAsync(context.CancellationToken).ConfigureAwait(false);
        }

        var reader = new ServerRequestReader<TRequest>(context.HttpContext.Request.BodyReader, _method.RequestMarshaller, Options.MaxReceive, context);
        var writer = new ServerResponseWriter<TResponse>(context, _method.ResponseMarshaller, Options.MaxSend);
        await _handler(reader, writer, context).ConfigureAwait(false);
    }
}

internal sealed class ServerResponseWriter<T> : IServerStreamWriter<T>
{
    private readonly HttpServerCallContext _context;
    private readonly Marshaller<T> _marshaller;
    private readonly int _maxSend;

    public ServerResponseWriter(HttpServerCallContext context, Marshaller<T> marshaller, int maxSend)
    {
        _context = context;
        _marshaller = marshaller;
        _maxSend = maxSend;
    }

    public Task WriteAsync(T message, System.Threading.CancellationToken cancellationToken = default) =>
        _context.EnqueueFrameAsync(_marshaller.SerializeFrame(message, _maxSend), cancellationToken);
}
