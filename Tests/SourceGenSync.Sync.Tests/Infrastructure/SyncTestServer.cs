using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SourceGenSync.Server.Hosting;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Sync.Tests.Infrastructure;

/// <summary>
/// The real sync server, in-process on 127.0.0.1 (a free port chosen at the first start) with a temporary data
/// folder deleted on dispose. <see cref="StopAsync"/> kills it (open connections are aborted, as when the process
/// dies) and <see cref="RestartAsync"/> brings it back on the same port and data folder, so a client's "server
/// gone → Disconnected → back → Connected" path can be tested. Password hashing is lowered to 1,000 iterations.
/// </summary>
internal sealed class SyncTestServer : IAsyncDisposable
{
    private static readonly TimeSpan RebindDeadline = TimeSpan.FromSeconds(30);

    private readonly string[] _extraArgs;
    private WebApplication? _app;

    private SyncTestServer(WebApplication app, string dataPath, string[] extraArgs)
    {
        _app = app;
        _extraArgs = extraArgs;
        DataPath = dataPath;
        Address = new Uri(app.Urls.First());
    }

    /// <summary>The server's base address (<c>http://127.0.0.1:port/</c>); unchanged across restarts.</summary>
    public Uri Address { get; }

    /// <summary>The server's data folder (its SQLite store); unchanged across restarts.</summary>
    public string DataPath { get; }

    public bool IsRunning => _app is not null;

    /// <summary>The running host; throws while stopped.</summary>
    public WebApplication Host => _app ?? throw new InvalidOperationException("The test server is stopped; call RestartAsync first.");

    /// <summary>The running server's connection counter (a new one after every restart).</summary>
    public ConnectionCounter Connections => Service<ConnectionCounter>();

    public ISyncStore Store => Service<ISyncStore>();

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>Starts a server on a free port and a new temporary data folder. <paramref name="extraArgs"/> are
    /// appended to the command line (e.g. <c>--Server:AccessTokenLifetime=00:00:05</c>) and kept for restarts.</summary>
    public static async Task<SyncTestServer> StartAsync(params string[] extraArgs)
    {
        ArgumentNullException.ThrowIfNull(extraArgs);
        var dataPath = Path.Combine(Path.GetTempPath(), "sgs-sync-test-" + Guid.NewGuid().ToString("N"));
        var app = await BuildAndStartAsync("http://127.0.0.1:0", dataPath, extraArgs);
        return new SyncTestServer(app, dataPath, extraArgs);
    }

    /// <summary>Stops the server abruptly: every open connection and stream is aborted at once (no graceful drain),
    /// as when the server process is killed. The port and data folder are kept for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null)
        {
            return;
        }

        try
        {
            // An already-cancelled token makes Kestrel abort the remaining connections instead of waiting for them.
            await app.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // Expected with a cancelled token: the host reports that it did not stop gracefully.
        }

        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Starts the server again on the same port and data folder (stopping it first when running).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var url = $"http://127.0.0.1:{Address.Port}";
        var deadline = DateTime.UtcNow + RebindDeadline;
        while (true)
        {
            try
            {
                _app = await BuildAndStartAsync(url, DataPath, _extraArgs);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // The port can stay busy for a moment after the old listener closed; try again shortly.
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        TestFolder.DeleteWithRetry(DataPath);
    }

    private static async Task<WebApplication> BuildAndStartAsync(string url, string dataPath, string[] extraArgs)
    {
        string[] args = ["--urls", url, "--data", dataPath, "--Server:PasswordIterations=1000", .. extraArgs];
        var app = await SyncServerHost.BuildAsync(args);
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
