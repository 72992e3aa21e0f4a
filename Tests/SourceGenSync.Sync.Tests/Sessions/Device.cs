using System;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>What a test device's App is configured with (short backoff and timeouts so tests run quickly).</summary>
internal sealed record DeviceOptions
{
    public bool Multiplex { get; init; } = true;

    public TimeSpan Linger { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MinimumBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaximumBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the App connects (default: the server itself; e.g. a proxy in front of it).</summary>
    public Uri? Address { get; init; }
}

/// <summary>
/// One client device: its own App (own base folder, so its own metadata and realm files) logged in as its own
/// anonymous user, syncing with the test server.
/// </summary>
internal sealed class Device : IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private Device(App app, User user, TestFolder folder, bool ownsFolder)
    {
        App = app;
        User = user;
        Folder = folder;
        _ownsFolder = ownsFolder;
    }

    public App App { get; private set; }

    public User User { get; private set; }

    public TestFolder Folder { get; }

    public static readonly Type[] Classes = [typeof(Item), typeof(Owner), typeof(Address), typeof(Blob)];

    public static async Task<Device> CreateAsync(SyncTestServer server, DeviceOptions? options = null)
    {
        var folder = new TestFolder();
        var app = CreateApp(server, folder, options ?? new DeviceOptions());
        var user = await app.LogInAsync(Credentials.Anonymous());
        return new Device(app, user, folder, ownsFolder: true);
    }

    public static App CreateApp(SyncTestServer server, TestFolder folder, DeviceOptions options) => App.Create(new AppConfiguration(options.Address ?? server.Address)
    {
        BaseFilePath = folder.Path,
        MultiplexSessions = options.Multiplex,
        SessionLingerTime = options.Linger,
        KeepAliveInterval = options.KeepAlive,
        ReadTimeout = options.ReadTimeout,
        DefaultRequestTimeout = TimeSpan.FromSeconds(10),
        ReconnectBackoff = new ReconnectBackoffOptions { MinimumDelay = options.MinimumBackoff, MaximumDelay = options.MaximumBackoff },
    });

    /// <summary>A configuration of this device's user on <paramref name="serverRealm"/> with the test models.</summary>
    public SyncConfiguration Config(string? path = null, string serverRealm = "default") => new(User, path)
    {
        ObjectClasses = Classes,
        ServerRealm = serverRealm,
    };

    public Realm Open(string? path = null, string serverRealm = "default") => Realm.Open(Config(path, serverRealm));

    /// <summary>Simulates the app being killed and started again: the App is disposed (sessions stop at once, no
    /// linger) and a new one is created on the same folder, where it finds its cached user.</summary>
    public void Restart(SyncTestServer server, DeviceOptions? options = null)
    {
        var id = User.Id;
        App.Dispose();
        App = CreateApp(server, Folder, options ?? new DeviceOptions());
        User = App.CurrentUser ?? throw new InvalidOperationException("The restarted app has no cached current user.");
        if (User.Id != id)
        {
            throw new InvalidOperationException("The restarted app's current user is someone else.");
        }
    }

    public ValueTask DisposeAsync()
    {
        App.Dispose();
        if (_ownsFolder)
        {
            Folder.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
