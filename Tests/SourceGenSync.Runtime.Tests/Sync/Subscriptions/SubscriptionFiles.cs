using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Sync.Subscriptions;
using SourceGenSync.Runtime.Tests.Database;
using SourceGenSync.Schema;
using SourceGenSync.Sync;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>
/// Flexible-sync realm files without a server: an App whose address nobody listens on, with a user restored from its
/// cache (as after an offline restart), and helpers that play the sync session's part (marking sets Complete or
/// Error through a connection of their own, then signalling). Everything is disposed at the end of the test.
/// </summary>
internal sealed class SubscriptionFiles : TempFolder
{
    public SubscriptionFiles()
        : base("sgs-subs-")
    {
        var address = UnusedAddress();
        var baseFolder = Path.Combine(Folder, "app");
        new UserCache(baseFolder, address).Save(new CachedUsers("user-1",
            [new CachedUser("user-1", AuthProvider.EmailPassword, "access-token", "refresh-token", DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds())]));
        App = Track(App.Create(new AppConfiguration(address) { BaseFilePath = baseFolder }));
        User = App.CurrentUser ?? throw new InvalidOperationException("The cached user was not restored.");
    }

    public static IReadOnlyList<ObjectSchema> Schema { get; } = [SubTask.Schema, SubPerson.Schema];

    public App App { get; }

    public User User { get; }

    public string PathOf(string name) => Path.Combine(Folder, name + ".realm");

    public FlexibleSyncConfiguration Config(string name = "flx", FlexibleSyncConfiguration.InitialSubscriptionsDelegate? populate = null) =>
        new(User, PathOf(name)) { Schema = Schema, PopulateInitialSubscriptions = populate };

    /// <summary>Opens the file as the open path does before the session starts (no session: nothing touches the network).</summary>
    public Realm Open(string name = "flx") => Open(Config(name));

    public Realm Open(FlexibleSyncConfiguration config)
    {
        var realm = Track(Realm.OpenWithoutSession(config));
        config.RunInitialSubscriptions(realm);
        return realm;
    }

    /// <summary>What the session does when the server has sent everything <paramref name="version"/> selects.</summary>
    public void MarkComplete(string name, long version) => AsSession(name, connection => SubscriptionTables.MarkComplete(connection, version));

    /// <summary>What the session does when the server refuses <paramref name="version"/>.</summary>
    public void MarkError(string name, long version, string message) => AsSession(name, connection => SubscriptionTables.MarkError(connection, version, message));

    public StoredSubscriptionSet? ReadVersion(string name, long version) => Read(name, connection => SubscriptionTables.ReadVersion(connection, version));

    public T Read<T>(string name, Func<Microsoft.Data.Sqlite.SqliteConnection, T> read)
    {
        using var connection = RealmFile.Open(PathOf(name), readOnly: true);
        return read(connection);
    }

    public object? Scalar(string name, string sql) => ReadScalar(PathOf(name), sql);

    public static Task WaitUntil(Func<bool> condition, string what) => PollUntil(condition, what, TimeSpan.FromSeconds(10));

    private void AsSession(string name, Action<Microsoft.Data.Sqlite.SqliteConnection> change)
    {
        using (var connection = RealmFile.Open(PathOf(name), readOnly: false))
        {
            RealmFile.Execute(connection, "BEGIN IMMEDIATE");
            change(connection);
            RealmFile.Execute(connection, "COMMIT");
        }

        SubscriptionSignals.For(PathOf(name)).StateChanged();
    }

    private static Uri UnusedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
