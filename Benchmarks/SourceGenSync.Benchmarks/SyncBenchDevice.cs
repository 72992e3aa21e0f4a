using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Benchmarks.Models;
using SourceGenSync.Sync;

namespace SourceGenSync.Benchmarks;

/// <summary>One device of the sync scenario: its own App (own folder, own connection, counted), an anonymous
/// user, and the synced realm holding <see cref="BenchItem"/>.</summary>
internal sealed class SyncBenchDevice : IDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);

    private SyncBenchDevice(App app, WireCounter wire, SyncConfiguration configuration)
    {
        App = app;
        Wire = wire;
        Configuration = configuration;
    }

    public App App { get; }

    public WireCounter Wire { get; }

    public SyncConfiguration Configuration { get; }

    public Realm Realm { get; private set; } = null!;

    /// <summary>Creates the App and logs in; the realm is not opened yet (<see cref="OpenAsync"/>), so opening can be timed alone.</summary>
    public static async Task<SyncBenchDevice> LogInAsync(Uri server, string folder)
    {
        Directory.CreateDirectory(folder);
        var wire = new WireCounter();
        var app = App.Create(new AppConfiguration(server) { BaseFilePath = folder, HttpHandler = wire.Handler });
        var user = await app.LogInAsync(Credentials.Anonymous());
        return new SyncBenchDevice(app, wire, new SyncConfiguration(user) { ObjectClasses = [typeof(BenchItem)] });
    }

    /// <summary>Opens the synced realm; a new file downloads everything on the server before this returns.</summary>
    public async Task OpenAsync()
    {
        using var cancel = new CancellationTokenSource(WaitLimit);
        Realm = await Realm.OpenAsync(Configuration, cancel.Token);
    }

    public async Task UploadAllAsync()
    {
        if (!await Realm.SyncSession.WaitForUploadAsync(WaitLimit))
        {
            throw new TimeoutException($"WaitForUploadAsync did not complete within {WaitLimit.TotalSeconds:0} s");
        }
    }

    public async Task DownloadAllAsync()
    {
        if (!await Realm.SyncSession.WaitForDownloadAsync(WaitLimit))
        {
            throw new TimeoutException($"WaitForDownloadAsync did not complete within {WaitLimit.TotalSeconds:0} s");
        }

        Realm.Refresh();
    }

    public void Dispose()
    {
        Realm?.Dispose();
        App.Dispose();
        Wire.Dispose();
    }
}
