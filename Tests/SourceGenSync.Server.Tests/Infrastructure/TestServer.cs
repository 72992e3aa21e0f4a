using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SourceGenSync.Grpc;
using SourceGenSync.Server.Hosting;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Tests.Infrastructure;

/// <summary>
/// The real server, in-process, on 127.0.0.1 with a free port and a fresh temporary data folder (both released on
/// dispose). Password hashing is lowered to 1,000 iterations: the tests check behaviour, not cost.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly bool _ownsData;

    private TestServer(WebApplication app, string dataPath, bool ownsData)
    {
        App = app;
        DataPath = dataPath;
        _ownsData = ownsData;
        Address = new Uri(app.Urls.First());
        Channel = new GrpcHttpChannel(Address);
        Invoker = Channel.CreateCallInvoker();
    }

    public WebApplication App { get; }

    public string DataPath { get; }

    public Uri Address { get; }

    public GrpcHttpChannel Channel { get; }

    public CallInvoker Invoker { get; }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public ISyncStore Store => Service<ISyncStore>();

    public static async Task<TestServer> StartAsync(params string[] extraArgs) => await StartOnAsync(null, extraArgs);

    /// <summary>Starts on <paramref name="dataPath"/> (kept on dispose) or on a new temporary folder (deleted).</summary>
    public static async Task<TestServer> StartOnAsync(string? dataPath, params string[] extraArgs)
    {
        var ownsData = dataPath is null;
        dataPath ??= NewDataPath();
        string[] args = ["--urls", "http://127.0.0.1:0", "--data", dataPath, "--Server:PasswordIterations=1000", .. extraArgs];
        try
        {
            var app = await SyncServerHost.BuildAsync(args);
            await app.StartAsync();
            return new TestServer(app, dataPath, ownsData);
        }
        catch when (ownsData)
        {
            // A server that refused to start (the tests of bad options) leaves no folder behind either.
            DeleteFolder(dataPath);
            throw;
        }
    }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "sgs-test-" + Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsData)
        {
            DeleteFolder(DataPath);
        }
    }

    public static void DeleteFolder(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
