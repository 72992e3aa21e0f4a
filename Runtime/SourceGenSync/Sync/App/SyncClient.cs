namespace SourceGenSync.Sync;

/// <summary>App-wide sync controls (<see cref="App.Sync"/>).</summary>
public sealed class SyncClient
{
    private readonly App _app;

    internal SyncClient(App app) => _app = app;

    /// <summary>Every session of this app that is waiting to reconnect tries now, with its backoff reset (e.g. when
    /// the device's network comes back).</summary>
    public void Reconnect() => _app.Sessions.Reconnect();
}
