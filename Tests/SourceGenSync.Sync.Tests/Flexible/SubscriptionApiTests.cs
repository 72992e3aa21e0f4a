using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Models;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>The SubscriptionSet API against a real server: typed and LINQ queries, finding, removing, waiting modes.</summary>
public sealed class SubscriptionApiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Typed_and_LINQ_subscriptions_find_remove_and_UpdateAsync_work_against_the_server()
    {
        await using var world = await NotesWorld.StartAsync(20);
        using var realm = world.Reader.Open();

        // A generated typed query (case-insensitive Contains exists only there) and a LINQ query, in one UpdateAsync.
        var typed = realm.All<Note>().Where(f => f.Title.Contains("NOTE 1", caseSensitive: false));
        var linq = realm.All<Note>().Where(n => n.Priority == 4);
        await realm.Subscriptions.UpdateAsync(() =>
        {
            realm.Subscriptions.Add(typed, "ones");
            realm.Subscriptions.Add(linq);
        });
        await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);

        string[] ones = ["n001", "n010", "n011", "n012", "n013", "n014", "n015", "n016", "n017", "n018", "n019"];
        Assert.Equal(ones.Union(["n004", "n009", "n014", "n019"]).Order(StringComparer.Ordinal), FlexibleDevice.Ids(realm));
        Assert.Equal("ones", realm.Subscriptions.Find(typed)?.Name);
        Assert.Contains("CONTAINS[c]", realm.Subscriptions.Find("ones")!.Query, StringComparison.Ordinal);
        Assert.Null(realm.Subscriptions.Find(linq)?.Name);

        // Remove by query (unnamed only), then every Note subscription including named ones.
        realm.Subscriptions.Update(() => Assert.Equal(1, realm.Subscriptions.Remove(linq)));
        await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);
        Assert.Equal(ones, FlexibleDevice.Ids(realm));

        realm.Subscriptions.Update(() => Assert.Equal(1, realm.Subscriptions.RemoveAll<Note>(removeNamed: true)));
        await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);
        Assert.Empty(FlexibleDevice.Ids(realm));
        Assert.Empty(realm.Subscriptions);
    }

    [Fact]
    public async Task Wait_modes_and_superseded_sets_behave_as_in_Realm()
    {
        await using var world = await NotesWorld.StartAsync(10);
        using var realm = world.Reader.Open();

        // Never: returns at once; the objects still arrive.
        await realm.All<Note>().Where(n => n.Priority == 1).SubscribeAsync(waitForSyncMode: WaitForSyncMode.Never).WaitAsync(Deadline);
        await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);
        Assert.Equal(["n001", "n006"], FlexibleDevice.Ids(realm));

        // Two sets committed back to back: the first is superseded (its wait returns), the second completes.
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<Note>().Where(n => n.Priority == 2)));
        var first = realm.Subscriptions.Version;
        var waitFirst = realm.Subscriptions.WaitForSynchronizationAsync();
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<Note>().Where(n => n.Priority == 3)));
        await waitFirst.WaitAsync(Deadline);
        await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);
        Assert.Equal(first + 1, realm.Subscriptions.Version);
        Assert.Equal(SubscriptionSetState.Complete, realm.Subscriptions.State);
        Assert.Equal(["n001", "n002", "n003", "n006", "n007", "n008"], FlexibleDevice.Ids(realm));

        // Always: waits even though the subscription exists, and sees a write made meanwhile.
        world.WriterRealm.Write(() => world.WriterRealm.Find<Note>("n000")!.Priority = 3);
        Assert.True(await world.WriterRealm.SyncSession.WaitForUploadAsync(Deadline));
        await realm.All<Note>().Where(n => n.Priority == 3).SubscribeAsync(waitForSyncMode: WaitForSyncMode.Always).WaitAsync(Deadline);
        Assert.True(await realm.SyncSession.WaitForDownloadAsync(Deadline));
        Assert.Contains("n000", FlexibleDevice.Ids(realm));
    }
}
