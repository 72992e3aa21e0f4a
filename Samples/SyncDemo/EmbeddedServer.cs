using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using SourceGenSync.Server.Hosting;

namespace SyncDemo;

/// <summary>
/// The sync server, hosted in this process on 127.0.0.1 with its SQLite store in <see cref="DataPath"/>. The first
/// start takes a free port (port 0); <see cref="RestartAsync"/> binds the same port again, so the devices, which
/// keep the URL, reconnect to it as they would to a server that came back after an outage.
/// </summary>
internal sealed class EmbeddedServer : IAsyncDisposable
{
    private readonly string[] _settings;
    private WebApplication? _app;

    private EmbeddedServer(string dataPath, string[] settings)
    {
        DataPath = dataPath;
        _settings = settings;
    }

    public string DataPath { get; }

    public Uri Address { get; private set; } = null!;

    public bool IsRunning => _app is not null;

    /// <summary>The server's SQLite file (its merged state is in the <c>objects</c> table).</summary>
    public string StorePath => Path.Combine(DataPath, "sync.db");

    public static Task<EmbeddedServer> StartAsync(string dataPath, CancellationToken cancellationToken) =>
        StartAsync(dataPath, [], cancellationToken);

    /// <summary>
    /// Starts a server with extra configuration arguments, as its command line would take them
    /// (e.g. <c>--Rules:Classes:Note:Write=OwnerId == $user.id</c>, docs/permissions.md).
    /// </summary>
    public static async Task<EmbeddedServer> StartAsync(string dataPath, string[] settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var server = new EmbeddedServer(dataPath, settings);
        await server.StartOnAsync("http://127.0.0.1:0", cancellationToken);
        server.Address = new Uri(server._app!.Urls.First());
        return server;
    }

    /// <summary>
    /// Stops listening and drops every connection at once (open sync streams would otherwise hold a graceful
    /// shutdown for its whole timeout): to the devices this looks like the server going away.
    /// </summary>
    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        var app = _app;
        _app = null;
        using (var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await app.StopAsync(abort.Token);
        }

        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Starts again on the same port and data folder.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) =>
        StartOnAsync(Address.GetLeftPart(UriPartial.Authority), cancellationToken);

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartOnAsync(string url, CancellationToken cancellationToken)
    {
        // Warnings only: the demo's own output is the point.
        string[] args =
        [
            "--urls", url, "--data", DataPath,
            "--Logging:LogLevel:Default=Warning",
            .. _settings,
        ];
        var app = await SyncServerHost.BuildAsync(args, cancellationToken);
        await app.StartAsync(cancellationToken);
        _app = app;
    }
}
