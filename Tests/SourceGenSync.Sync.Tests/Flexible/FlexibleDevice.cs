using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;
using SourceGenSync.Sync.Tests.Sessions;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>A test device (own App, folder and user) opening flexible-sync realms of <see cref="Note"/> objects.</summary>
internal sealed class FlexibleDevice : IAsyncDisposable
{
    private FlexibleDevice(App app, User user, TestFolder folder)
    {
        App = app;
        User = user;
        Folder = folder;
    }

    public App App { get; }

    public User User { get; }

    public TestFolder Folder { get; }

    /// <summary>Every error the sessions of this device reported, in order.</summary>
    public ConcurrentQueue<SessionException> Errors { get; } = new();

    public static readonly Type[] Classes = [typeof(Note)];

    public static async Task<FlexibleDevice> CreateAsync(SyncTestServer server, bool anonymous = true)
    {
        var folder = new TestFolder();
        var app = Device.CreateApp(server, folder, new DeviceOptions());
        var user = anonymous ? await app.LogInAsync(Credentials.Anonymous()) : await TestApps.LogInNewUserAsync(app);
        return new FlexibleDevice(app, user, folder);
    }

    public FlexibleSyncConfiguration Config(string? path = null) => new(User, path)
    {
        ObjectClasses = Classes,
        OnSessionError = (_, error) => Errors.Enqueue(error),
    };

    public Realm Open(string? path = null) => Realm.Open(Config(path));

    /// <summary>Opens the default realm and subscribes to every note (what the rules let this user see).</summary>
    public async Task<Realm> OpenSubscribedToAllAsync()
    {
        var realm = Open();
        try
        {
            await realm.All<Note>().SubscribeAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return realm;
        }
        catch
        {
            realm.Dispose();
            throw;
        }
    }

    /// <summary>The ids of the notes in <paramref name="realm"/>, sorted.</summary>
    public static string[] Ids(Realm realm)
    {
        realm.Refresh();
        return [.. realm.All<Note>().ToList().Select(static n => n.Id).Order(StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        App.Dispose();
        await Task.Yield();
        Folder.Dispose();
    }
}
