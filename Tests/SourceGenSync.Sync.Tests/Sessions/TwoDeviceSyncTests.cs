using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;
using static SourceGenSync.Sync.Tests.Sessions.SyncHelpers;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>Two real devices (own App, own user, own file) syncing through the real server.</summary>
public sealed class TwoDeviceSyncTests
{
    [Fact]
    public async Task Object_created_on_one_device_appears_on_the_other_with_every_field()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();

        var id = ObjectId.GenerateNewId();
        realmA.Write(() =>
        {
            var item = realmA.Add(new Item { Id = id, Name = "hammer", Quantity = 3, Owner = new Owner { Id = "ann", Name = "Ann" }, Address = new Address { Street = "Main 1", City = "Oslo" } });
            item.Tags.Add("tools");
            item.Tags.Add("steel");
            item.Numbers.Add(7);
            item.Counts["boxes"] = 2;
            item.Score.Increment(5);
        });
        await SyncAllAsync(realmA, realmB);

        var copy = FindItem(realmB, id);
        Assert.NotNull(copy);
        Assert.Equal("hammer", copy.Name);
        Assert.Equal(3, copy.Quantity);
        Assert.Equal(["tools", "steel"], copy.Tags.ToArray());
        Assert.Equal([7], copy.Numbers.ToArray());
        Assert.Equal(2, copy.Counts["boxes"]);
        Assert.Equal(5L, (long)copy.Score);
        Assert.Equal("Ann", copy.Owner?.Name);
        Assert.Equal("Oslo", copy.Address?.City);
    }

    [Fact]
    public async Task Updates_and_deletes_propagate_both_ways()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();

        var first = AddItem(realmA, "first");
        var second = AddItem(realmA, "second");
        await SyncAllAsync(realmA, realmB);
        Assert.Equal(["first", "second"], Names(realmB));

        var onB = FindItem(realmB, first.Id)!;
        realmB.Write(() => onB.Name = "first (renamed on B)");
        realmA.Write(() => realmA.Remove(second));
        await SyncAllAsync(realmA, realmB);

        Assert.Equal(["first (renamed on B)"], Names(realmA));
        Assert.Equal(["first (renamed on B)"], Names(realmB));
    }

    [Fact]
    public async Task Collection_changes_propagate()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();

        var item = AddItem(realmA, "bag");
        realmA.Write(() =>
        {
            item.Tags.Add("x");
            item.Tags.Add("y");
            item.Tags.Add("z");
            item.Numbers.Add(1);
            item.Numbers.Add(2);
            item.Counts["a"] = 1;
            item.Counts["b"] = 2;
        });
        await SyncAllAsync(realmA, realmB);

        var onB = FindItem(realmB, item.Id)!;
        realmB.Write(() =>
        {
            onB.Tags.RemoveAt(1);
            onB.Tags.Insert(0, "first");
            onB.Numbers.Remove(1);
            onB.Numbers.Add(3);
            onB.Counts.Remove("a");
            onB.Counts["c"] = 3;
        });
        await SyncAllAsync(realmA, realmB);

        Assert.Equal(["first", "x", "z"], item.Tags.ToArray());
        Assert.Equal([2, 3], item.Numbers.Order().ToArray());
        Assert.Equal(["b", "c"], item.Counts.Keys.Order().ToArray());
        Assert.Equal(3, item.Counts["c"]);
    }

    [Fact]
    public async Task Concurrent_counter_increments_add_up_on_both_devices()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();
        var item = AddItem(realmA, "counter");
        await SyncAllAsync(realmA, realmB);
        var onB = FindItem(realmB, item.Id)!;

        realmA.SyncSession.Pause();
        realmB.SyncSession.Pause();
        realmA.Write(() => item.Score.Increment(10));
        realmB.Write(() => onB.Score.Increment(5));
        realmB.Write(() => onB.Score.Increment(1));
        realmA.SyncSession.Resume();
        realmB.SyncSession.Resume();
        await SyncAllAsync(realmA, realmB);
        await SyncAllAsync(realmA, realmB);

        Assert.Equal(16L, (long)item.Score);
        Assert.Equal(16L, (long)onB.Score);
    }

    [Fact]
    public async Task Conflicting_edits_made_offline_resolve_identically_on_both_devices()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();
        var item = AddItem(realmA, "original");
        await SyncAllAsync(realmA, realmB);
        var onB = FindItem(realmB, item.Id)!;

        realmA.SyncSession.Pause();
        realmB.SyncSession.Pause();
        realmA.Write(() => { item.Name = "from A"; item.Quantity = 1; });
        realmB.Write(() => { onB.Name = "from B"; onB.Tags.Add("b"); });
        realmA.SyncSession.Resume();
        realmB.SyncSession.Resume();
        await SyncAllAsync(realmA, realmB);
        await SyncAllAsync(realmA, realmB);

        // Last writer wins per field: B wrote the name later; A's quantity and B's tag both survive.
        Assert.Equal("from B", item.Name);
        Assert.Equal(item.Name, onB.Name);
        Assert.Equal(1, onB.Quantity);
        Assert.Equal(["b"], item.Tags.ToArray());
    }

    [Fact]
    public async Task A_delete_wins_over_a_concurrent_update()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();
        var item = AddItem(realmA, "doomed");
        await SyncAllAsync(realmA, realmB);
        var onB = FindItem(realmB, item.Id)!;

        realmA.SyncSession.Pause();
        realmB.SyncSession.Pause();
        realmA.Write(() => realmA.Remove(item));
        realmB.Write(() => onB.Name = "updated concurrently");
        realmB.SyncSession.Resume();
        await SyncAllAsync(realmB);
        realmA.SyncSession.Resume();
        await SyncAllAsync(realmA, realmB);

        Assert.Empty(realmA.All<Item>().ToList());
        Assert.Empty(realmB.All<Item>().ToList());
    }

    [Fact]
    public async Task Live_object_on_the_other_device_raises_PropertyChanged_when_a_download_is_integrated()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var a = await Device.CreateAsync(server);
        await using var b = await Device.CreateAsync(server);
        using var realmA = a.Open();
        using var realmB = b.Open();
        var item = AddItem(realmA, "watched");
        await SyncAllAsync(realmA, realmB);
        var onB = FindItem(realmB, item.Id)!;
        var changed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        onB.PropertyChanged += (_, e) => changed.TrySetResult(e.PropertyName);

        realmA.Write(() => item.Name = "changed on A");
        Assert.True(await realmA.SyncSession.WaitForUploadAsync(Deadline));

        Assert.Equal(nameof(Item.Name), await changed.Task.WaitAsync(Deadline));
        Assert.Equal("changed on A", onB.Name);
    }
}
