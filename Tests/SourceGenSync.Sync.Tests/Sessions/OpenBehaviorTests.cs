using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Schema;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>Realm.OpenAsync with every open and timeout behaviour, Realm.Open, and opening offline.</summary>
public sealed class OpenBehaviorTests
{
    private static readonly OpenRealmBehavior Immediately = new() { Type = OpenBehaviorType.OpenImmediately };

    private static async Task SeedAsync(Device writer, int count)
    {
        using var realm = writer.Open("seed.realm");
        for (var i = 0; i < count; i++)
        {
            AddItem(realm, $"seed {i:000}");
        }

        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
    }

    [Fact]
    public async Task OpenAsync_of_a_new_file_downloads_everything_before_returning_by_default()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        await SeedAsync(a, 50);
        var reports = new ProgressRecorder();

        using var realm = await Realm.OpenAsync(new SyncConfiguration(b.User) { ObjectClasses = Device.Classes, OnProgress = reports.Record });

        Assert.Equal(50, realm.All<Item>().Count());
        await Eventually.WaitAsync(() => reports.Last is { IsComplete: true }, "the initial download's progress ends complete");
        reports.AssertMonotonic();
        Assert.True(reports.Last!.Value.TransferredBytes > 0);
    }

    [Fact]
    public async Task OpenAsync_of_an_existing_file_downloads_what_is_new_before_returning()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using (var first = b.Open())
        {
            await SyncAllAsync(first);
        }

        await SeedAsync(a, 10);

        using var realm = await Realm.OpenAsync(b.Config());

        Assert.Equal(10, realm.All<Item>().Count());
    }

    [Fact]
    public async Task OpenImmediately_returns_the_local_file_at_once_and_syncs_in_the_background()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        await SeedAsync(a, 5);
        await server.StopAsync();

        using var realm = await Realm.OpenAsync(new SyncConfiguration(b.User) { ObjectClasses = Device.Classes, NewRealmFileBehavior = Immediately });
        Assert.Empty(realm.All<Item>().ToList());

        await server.RestartAsync();
        Assert.True(await realm.SyncSession.WaitForDownloadAsync(Deadline));
        realm.Refresh();
        Assert.Equal(5, realm.All<Item>().Count());
    }

    [Fact]
    public async Task Realm_Open_with_a_sync_configuration_opens_at_once_even_when_the_server_is_down()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await server.StopAsync();

        using var realm = a.Open();

        Assert.Equal(SessionState.Active, realm.SyncSession.State);
        AddItem(realm, "written offline");
        await server.RestartAsync();
        Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
    }

    [Fact]
    public async Task Download_timeout_with_OpenLocalRealm_returns_the_local_data()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using (var realm = a.Open())
        {
            AddItem(realm, "local");
            await SyncAllAsync(realm);
        }

        await server.StopAsync();
        var config = new SyncConfiguration(a.User)
        {
            ObjectClasses = Device.Classes,
            ExistingRealmFileBehavior = new OpenRealmBehavior { Timeout = TimeSpan.FromMilliseconds(300), TimeoutBehavior = TimeoutBehavior.OpenLocalRealm },
        };

        using var reopened = await Realm.OpenAsync(config);

        Assert.Equal(["local"], Names(reopened));
    }

    [Fact]
    public async Task Download_timeout_with_ThrowException_throws_and_the_download_continues_in_the_background()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        await SeedAsync(a, 20);
        await server.StopAsync();
        var config = new SyncConfiguration(b.User)
        {
            ObjectClasses = Device.Classes,
            NewRealmFileBehavior = new OpenRealmBehavior { Timeout = TimeSpan.FromMilliseconds(300), TimeoutBehavior = TimeoutBehavior.ThrowException },
        };

        await Assert.ThrowsAsync<TimeoutException>(() => Realm.OpenAsync(config));

        await server.RestartAsync();
        var local = new RealmConfiguration(config.DatabasePath) { ObjectClasses = Device.Classes };
        await Eventually.WaitAsync(() =>
        {
            using var realm = Realm.Open(local);
            return realm.All<Item>().Count() == 20;
        }, "the download finished in the background");
    }

    [Fact]
    public async Task OpenAsync_cancelled_throws_OperationCanceledException()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await server.StopAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Realm.OpenAsync(a.Config(), cancel.Token));
    }

    [Fact]
    public async Task An_app_restarted_offline_opens_its_synced_realm_with_the_cached_user()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        using (var realm = a.Open())
        {
            AddItem(realm, "synced before going offline");
            await SyncAllAsync(realm);
        }

        await server.StopAsync();
        a.Restart(server);
        var config = new SyncConfiguration(a.User)
        {
            ObjectClasses = Device.Classes,
            ExistingRealmFileBehavior = new OpenRealmBehavior { Timeout = TimeSpan.FromMilliseconds(300), TimeoutBehavior = TimeoutBehavior.OpenLocalRealm },
        };

        using var offline = await Realm.OpenAsync(config);

        Assert.Equal(["synced before going offline"], Names(offline));
        AddItem(offline, "written offline");
        await server.RestartAsync();
        Assert.True(await offline.SyncSession.WaitForUploadAsync(Deadline));
    }

    [Fact]
    public async Task A_synced_schema_needs_a_primary_key_on_every_top_level_class()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var keyless = new ObjectSchema("Keyless", ObjectSchemaKind.TopLevel, typeof(Item), () => new Item(), [new Property("Name", PropertyType.String)]);
        var config = new SyncConfiguration(a.User) { Schema = [.. Device.Classes.Select(t => SchemaRegistry.TryGet(t, out var s) ? s : throw new InvalidOperationException()), keyless] };

        var error = Assert.Throws<ArgumentException>(() => Realm.Open(config));

        Assert.Contains("'Keyless'", error.Message);
        Assert.Contains("primary key", error.Message);
        Assert.False(File.Exists(config.DatabasePath));
    }

    [Fact]
    public async Task SyncSession_of_a_local_realm_is_not_supported()
    {
        using var folder = new TestFolder();
        using var realm = Realm.Open(new RealmConfiguration(folder.File("local.realm")) { ObjectClasses = Device.Classes });

        Assert.Throws<NotSupportedException>(() => realm.SyncSession);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Sync_paths_default_to_the_users_folder_and_resolve_relative_to_the_base_file_path()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        var absolute = Path.Combine(a.Folder.Path, "elsewhere", "abs.realm");

        var paths = new List<string>
        {
            new SyncConfiguration(a.User).DatabasePath,
            new SyncConfiguration(a.User, "sub/rel.realm").DatabasePath,
            new SyncConfiguration(a.User, absolute).DatabasePath,
        };

        Assert.Equal(Path.Combine(a.Folder.Path, "sourcegensync", a.User.Id, "default.realm"), paths[0]);
        Assert.Equal(Path.Combine(a.Folder.Path, "sub", "rel.realm"), paths[1]);
        Assert.Equal(absolute, paths[2]);
    }
}
