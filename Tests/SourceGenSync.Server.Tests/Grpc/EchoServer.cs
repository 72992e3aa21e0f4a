using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SourceGenSync.Grpc;
using SourceGenSync.Server.Grpc;
using SourceGenSync.Tests.Interop;

namespace SourceGenSync.Server.Tests.Grpc;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) hosting the Echo service with our gRPC hosting.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app, Uri address, EchoProbe probe, LogSink logs)
    {
        _app = app;
        Address = address;
        Probe = probe;
        Logs = logs;
    }

    public Uri Address { get; }

    public EchoProbe Probe { get; }

    public LogSink Logs { get; }

    public static async Task<EchoServer> StartAsync(Action<GrpcServerOptions>? configure = null, Action<GrpcServiceBuilder>? addServices = null)
    {
        var options = new GrpcServerOptions();
        configure?.Invoke(options);
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new LogSink();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureForGrpc(options);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var probe = new EchoProbe();
        var services = new GrpcServiceBuilder(options)
            .AddUnary(EchoMethods.Unary, (request, context) => EchoService.UnaryAsync(request, context, probe))
            .AddDuplexStreaming(EchoMethods.Duplex, (requests, responses, context) => EchoService.DuplexAsync(requests, responses, context, probe));
        addServices?.Invoke(services);
        app.MapGrpcServices(services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoServer(app, new Uri(address), probe, logs);
    }

    public GrpcHttpChannel CreateChannel(Action<GrpcChannelOptions>? configure = null)
    {
        var options = new GrpcChannelOptions();
        configure?.Invoke(options);
        return new GrpcHttpChannel(Address, options);
    }

    /// <summary>A plain HTTP/2 client for requests our gRPC client would never send.</summary>
    public HttpClient CreateRawClient() => new(new SocketsHttpHandler { UseProxy = false })
    {
        BaseAddress = Address,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Captures log entries so tests can check what was (and was not) logged.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(EventId EventId, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((eventId, formatter(state, exception), exception));
    }
}
