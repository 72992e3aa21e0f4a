using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>Flexible sync end to end: subscriptions select what a device holds, and the view follows every change.</summary>
public sealed class SubscriptionSyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Subscribing_downloads_exactly_the_matching_objects_and_completes_the_set()
    {
        await using var world = await NotesWorld.StartAsync(40);
        var (writerRealm, reader) = (world.WriterRealm, world.Reader);
        using var realm = reader.Open();
        var urgent = realm.All<Note>().Where(n => n.Priority >= 3);
        await urgent.SubscribeAsync(new SubscriptionOptions { Name = "urgent" }).WaitAsync(Deadline);

        var expected = writerRealm.All<Note>().Where(n => n.Priority >= 3).ToList().Select(n => n.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(16, expected.Length);
        Assert.Equal(expected, FlexibleDevice.Ids(realm));
        Assert.Equal(SubscriptionSetState.Complete, realm.Subscriptions.State);
        Assert.Equal("urgent", Assert.Single(realm.Subscriptions).Name);
        Assert.All(realm.All<Note>().ToList(), n => Assert.Equal($"note {int.Parse(n.Id[1..], System.Globalization.CultureInfo.InvariantCulture)}", n.Title));
    }

    [Fact]
    public async Task Changing_the_subscriptions_removes_leaving_objects_by_the_time_the_wait_completes()
    {
        await using var world = await NotesWorld.StartAsync(30);
        var (writerRealm, reader) = (world.WriterRealm, world.Reader);
        using var realm = reader.Open();
        await realm.All<Note>().Where(n => n.Priority >= 3).SubscribeAsync(new SubscriptionOptions { Name = "q" }).WaitAsync(Deadline);
        Assert.Equal(12, FlexibleDevice.Ids(realm).Length);

        // Same name, new query: the subscription is replaced; objects of the old query leave, the new ones arrive.
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<Note>().Where(n => n.Priority == 0), "q"));
        await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);

        var expected = Enumerable.Range(0, 30).Where(i => i % 5 == 0).Select(i => $"n{i:D3}").ToArray();
        Assert.Equal(expected, FlexibleDevice.Ids(realm));

        realm.Subscriptions.Update(() => realm.Subscriptions.RemoveAll(removeNamed: true));
        await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);
        Assert.Empty(FlexibleDevice.Ids(realm));
    }

    [Fact]
    public async Task Another_devices_writes_move_objects_into_and_out_of_the_view()
    {
        await using var world = await NotesWorld.StartAsync(10);
        var (writerRealm, reader) = (world.WriterRealm, world.Reader);
        using var realm = reader.Open();
        await realm.All<Note>().Where(n => n.Priority == 4).SubscribeAsync().WaitAsync(Deadline);
        Assert.Equal(["n004", "n009"], FlexibleDevice.Ids(realm));

        // n001 enters, n004 leaves, n009 changes while staying.
        writerRealm.Write(() =>
        {
            writerRealm.Find<Note>("n001")!.Priority = 4;
            writerRealm.Find<Note>("n004")!.Priority = 1;
            writerRealm.Find<Note>("n009")!.Title = "edited";
        });
        await Eventually.WaitAsync(
            () => FlexibleDevice.Ids(realm).SequenceEqual(["n001", "n009"]) && realm.Find<Note>("n009")?.Title == "edited",
            Deadline, "the reader's view followed the writer's changes");
        Assert.Equal("note 1", realm.Find<Note>("n001")!.Title);

        // A deletion of a viewed object removes it too; a new matching object arrives.
        writerRealm.Write(() =>
        {
            writerRealm.Remove(writerRealm.Find<Note>("n009")!);
            writerRealm.Add(new Note { Id = "n100", OwnerId = "x", Priority = 4, Title = "new" });
        });
        await Eventually.WaitAsync(() => FlexibleDevice.Ids(realm).SequenceEqual(["n001", "n100"]), Deadline, "the deletion and the new object reached the reader");
    }

    [Fact]
    public async Task A_device_without_subscriptions_is_told_it_needs_one()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var device = await FlexibleDevice.CreateAsync(server);
        using var realm = device.Open();

        await Eventually.WaitAsync(() => device.Errors.Any(e => e.ServerCode == SyncErrorCode.NoSubscriptions), Deadline, "the session reported the missing subscription");
        var error = device.Errors.First(e => e.ServerCode == SyncErrorCode.NoSubscriptions);
        Assert.False(error.IsFatal);
        Assert.Contains("no subscriptions", error.Message, StringComparison.Ordinal);
        Assert.Contains("Subscriptions.Update", error.Message, StringComparison.Ordinal);
        Assert.Equal(SessionState.Active, realm.SyncSession.State);
    }

    [Fact]
    public async Task PopulateInitialSubscriptions_runs_on_first_open_only_and_OpenAsync_waits_for_its_objects()
    {
        await using var world = await NotesWorld.StartAsync(20);
        var (writerRealm, reader) = (world.WriterRealm, world.Reader);
        var calls = 0;
        var flexible = new FlexibleSyncConfiguration(reader.User)
        {
            ObjectClasses = FlexibleDevice.Classes,
            PopulateInitialSubscriptions = r =>
            {
                Interlocked.Increment(ref calls);
                r.Subscriptions.Add(r.All<Note>().Where(n => n.Priority == 2), "twos");
            },
        };
        using (var realm = await Realm.OpenAsync(flexible).WaitAsync(Deadline))
        {
            Assert.Equal(["n002", "n007", "n012", "n017"], FlexibleDevice.Ids(realm));
            Assert.Equal(SubscriptionSetState.Complete, realm.Subscriptions.State);
        }

        using (var again = await Realm.OpenAsync(flexible).WaitAsync(Deadline))
        {
            Assert.Equal("twos", Assert.Single(again.Subscriptions).Name);
        }

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_refused_set_goes_to_Error_with_the_servers_reason_and_the_previous_set_stays_in_use()
    {
        await using var world = await NotesWorld.StartAsync(10);
        var (writerRealm, reader) = (world.WriterRealm, world.Reader);
        using var realm = reader.Open();
        await realm.All<Note>().Where(n => n.Priority == 1).SubscribeAsync().WaitAsync(Deadline);
        Assert.Equal(["n001", "n006"], FlexibleDevice.Ids(realm));

        // A collection count is a valid local query but not one the server evaluates for subscriptions.
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<Note>().Where(n => n.SharedWith.Count > 1)));
        var error = await Assert.ThrowsAsync<SubscriptionException>(() => realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline));
        Assert.Contains("SharedWith", error.Message, StringComparison.Ordinal);
        Assert.Equal(SubscriptionSetState.Error, realm.Subscriptions.State);
        Assert.NotNull(realm.Subscriptions.Error);

        // The session is fine and the view still follows the last good set.
        writerRealm.Write(() => writerRealm.Find<Note>("n002")!.Priority = 1);
        await Eventually.WaitAsync(() => FlexibleDevice.Ids(realm).SequenceEqual(["n001", "n002", "n006"]), Deadline, "the previous set kept working");
        Assert.Equal(SessionState.Active, realm.SyncSession.State);
    }

    [Fact]
    public async Task Too_many_subscriptions_are_refused_as_a_set_error_that_names_the_limit()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var device = await FlexibleDevice.CreateAsync(server);
        using var realm = device.Open();
        realm.Subscriptions.Update(() =>
        {
            for (var i = 0; i < 101; i++)
            {
                var priority = i;
                realm.Subscriptions.Add(realm.All<Note>().Where(n => n.Priority == priority));
            }
        });

        var error = await Assert.ThrowsAsync<SubscriptionException>(() => realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline));
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Equal(SubscriptionSetState.Error, realm.Subscriptions.State);

        // A valid set afterwards completes.
        realm.Subscriptions.Update(() => realm.Subscriptions.RemoveAll());
        await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);
        Assert.Equal(SubscriptionSetState.Complete, realm.Subscriptions.State);
    }

    [Fact]
    public async Task The_view_survives_a_restart_and_subscriptions_changed_offline_apply_on_reconnect()
    {
        await using var world = await NotesWorld.StartAsync(15);
        var (writerRealm, reader) = (world.WriterRealm, world.Reader);
        using (var realm = reader.Open())
        {
            await realm.All<Note>().Where(n => n.Priority == 3).SubscribeAsync().WaitAsync(Deadline);
            Assert.Equal(["n003", "n008", "n013"], FlexibleDevice.Ids(realm));
        }

        await world.Server.StopAsync();
        using (var realm = reader.Open())
        {
            // Offline: the data is local and a new set waits as Pending.
            Assert.Equal(["n003", "n008", "n013"], FlexibleDevice.Ids(realm));
            realm.Subscriptions.Update(() => realm.Subscriptions.Add(realm.All<Note>().Where(n => n.Priority == 0)));
            Assert.Equal(SubscriptionSetState.Pending, realm.Subscriptions.State);

            await world.Server.RestartAsync();
            writerRealm.Write(() => writerRealm.Find<Note>("n008")!.Priority = 2);
            await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);
            await Eventually.WaitAsync(() => FlexibleDevice.Ids(realm).SequenceEqual(["n000", "n003", "n005", "n010", "n013"]), Deadline,
                "the new set and the writer's change both reached the reader");
        }
    }
}
