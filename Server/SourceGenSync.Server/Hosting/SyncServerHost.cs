using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Permissions;
using SourceGenSync.Server.Diagnostics;
using SourceGenSync.Server.Grpc;
using SourceGenSync.Server.Storage;
using SourceGenSync.Server.Sync;

namespace SourceGenSync.Server.Hosting;

/// <summary>
/// Builds the server: configuration (ServerConfiguration), the SQLite store (opened and migrated before the host
/// starts), the token key, the Auth and Sync gRPC services on HTTP/2-only Kestrel endpoints, <c>GET /healthz</c>
/// and the compaction service. Program.Main runs it; tests and benchmarks start it in-process.
/// </summary>
public static class SyncServerHost
{
    public static async Task<WebApplication> BuildAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        ServerConfiguration.AddSources(builder.Configuration, args);
        var options = ServerConfiguration.Options(builder.Configuration);
        if (!ServerConfiguration.HasUrls(builder.Configuration))
        {
            builder.WebHost.UseUrls(ServerConfiguration.DefaultUrls);
        }

        // Request-level framework logs are noise for a sync server (one line per call); configuration can lower this.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var grpcOptions = new GrpcServerOptions { MaxReceiveMessageSize = options.MaxMessageSize, MaxSendMessageSize = options.MaxMessageSize };
        var connections = new ConnectionCounter();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureForGrpc(grpcOptions);
            // Endpoint defaults are one action (a second call replaces the first): keep HTTP/2-only and add counting.
            kestrel.ConfigureEndpointDefaults(listen => connections.Attach(listen.UseGrpcProtocols()));
        });

        var store = new SqliteSyncStore(options.DataPath);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var keyCreated = false;
        var key = await store.GetOrCreateSigningKeyAsync(() =>
        {
            keyCreated = true;
            return TokenService.GenerateKey();
        }, cancellationToken).ConfigureAwait(false);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(connections);
        services.AddSingleton(CustomJwtOptions.Read(builder.Configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ISyncStore>(store);
        services.AddSingleton(provider => new TokenService(key, options.AccessTokenLifetime, options.TokenClockSkew, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<AuthService>();
        // Rules are parsed now, so a typo in them stops the server at start instead of denying at run time.
        var rules = new PermissionRules(RulesOptions.FromConfiguration(builder.Configuration));
        services.AddSingleton(provider => new SyncServices(
            store, options, provider.GetRequiredService<TokenService>(), provider.GetRequiredService<ServerMetrics>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>())
        {
            Rules = rules,
        });
        services.AddSingleton<RealmRegistry>();
        services.AddSingleton<Compactor>();
        services.AddHostedService(provider => provider.GetRequiredService<Compactor>());

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SourceGenSync.Server");
        ServerLog.StoreOpened(logger, store.FilePath, SqliteSyncStore.FormatVersion);
        if (keyCreated)
        {
            ServerLog.SigningKeyCreated(logger);
        }

        var grpc = new GrpcServiceBuilder(grpcOptions)
            .AddAuthService(app.Services.GetRequiredService<AuthService>())
            .AddSyncService(app.Services.GetRequiredService<SyncServices>(), app.Services.GetRequiredService<RealmRegistry>());
        app.MapHealth(store);
        app.MapGrpcServices(grpc);
        app.Lifetime.ApplicationStarted.Register(() => ServerLog.ServerStarted(logger, string.Join(", ", app.Urls), options.DataPath, options.DevelopmentMode));
        return app;
    }
}
