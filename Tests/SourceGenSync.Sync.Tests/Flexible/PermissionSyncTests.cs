using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;
using SourceGenSync.Sync.Tests.Sessions;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>Permission rules end to end: what users receive and what their writes may change.</summary>
public sealed class PermissionSyncTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Owner-only writes; reads for the owner, anyone when public, and the users a note is shared with.
    private static readonly string[] Rules =
    [
        "--Rules:Classes:Note:Read=OwnerId == $user.id OR IsPublic == true OR SUBQUERY(SharedWith, $x, $x == $user.id).@count > 0",
        "--Rules:Classes:Note:Write=OwnerId == $user.id",
    ];

    [Fact]
    public async Task Every_user_receives_exactly_the_notes_the_read_rule_allows()
    {
        await using var server = await SyncTestServer.StartAsync(Rules);
        var random = new Random(6);
        var devices = new List<FlexibleDevice>();
        var realms = new List<Realm>();
        try
        {
            for (var u = 0; u < 6; u++)
            {
                var device = await FlexibleDevice.CreateAsync(server);
                devices.Add(device);
                realms.Add(await device.OpenSubscribedToAllAsync());
            }

            // Each user writes notes of their own: some public, some shared with random other users.
            var notes = new List<(string Id, string Owner, bool Public, string[] Shared)>();
            for (var u = 0; u < devices.Count; u++)
            {
                var realm = realms[u];
                var owner = devices[u].User.Id;
                var mine = Enumerable.Range(0, 6).Select(i => (Id: $"u{u}-{i}", Owner: owner, Public: random.Next(4) == 0,
                    Shared: devices.Where(d => d != devices[u] && random.Next(5) == 0).Select(d => d.User.Id).ToArray())).ToList();
                realm.Write(() =>
                {
                    foreach (var note in mine)
                    {
                        var added = realm.Add(new Note { Id = note.Id, OwnerId = note.Owner, IsPublic = note.Public, Priority = random.Next(5) });
                        foreach (var id in note.Shared)
                        {
                            added.SharedWith.Add(id);
                        }
                    }
                });
                notes.AddRange(mine);
                Assert.True(await realm.SyncSession.WaitForUploadAsync(Deadline));
            }

            for (var u = 0; u < devices.Count; u++)
            {
                var me = devices[u].User.Id;
                var allowed = notes.Where(n => n.Owner == me || n.Public || n.Shared.Contains(me)).Select(n => n.Id).Order(StringComparer.Ordinal).ToArray();
                Assert.True(await realms[u].SyncSession.WaitForDownloadAsync(Deadline));
                Assert.Equal(allowed, FlexibleDevice.Ids(realms[u]));
                Assert.DoesNotContain(devices[u].Errors, e => e is CompensatingWriteException);
            }

            // Sharing later moves a note into a user's view; unsharing takes it out again.
            var (target, targetRealm) = (devices[1], realms[1]);
            var ownerRealm = realms[0];
            var privateNote = notes.First(n => n.Owner == devices[0].User.Id && !n.Public && !n.Shared.Contains(target.User.Id)).Id;
            ownerRealm.Write(() => ownerRealm.Find<Note>(privateNote)!.SharedWith.Add(target.User.Id));
            await Eventually.WaitAsync(() => FlexibleDevice.Ids(targetRealm).Contains(privateNote), Deadline, "the shared note reached the user it was shared with");
            ownerRealm.Write(() => ownerRealm.Find<Note>(privateNote)!.SharedWith.Remove(target.User.Id));
            await Eventually.WaitAsync(() => !FlexibleDevice.Ids(targetRealm).Contains(privateNote), Deadline, "the unshared note left that user's realm");
        }
        finally
        {
            realms.ForEach(r => r.Dispose());
            foreach (var device in devices)
            {
                await device.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_denied_update_is_reported_as_a_compensating_write_and_reverted_locally()
    {
        await using var server = await SyncTestServer.StartAsync(Rules);
        await using var owner = await FlexibleDevice.CreateAsync(server);
        await using var other = await FlexibleDevice.CreateAsync(server);
        using var ownerRealm = await owner.OpenSubscribedToAllAsync();
        using var otherRealm = await other.OpenSubscribedToAllAsync();

        ownerRealm.Write(() => ownerRealm.Add(new Note { Id = "pub", OwnerId = owner.User.Id, IsPublic = true, Title = "original" }));
        Assert.True(await ownerRealm.SyncSession.WaitForUploadAsync(Deadline));
        await Eventually.WaitAsync(() => otherRealm.Find<Note>("pub") is not null, Deadline, "the public note reached the other user");

        // The other user may read the note but not change it.
        var note = otherRealm.Find<Note>("pub")!;
        otherRealm.Write(() => note.Title = "vandalized");
        Assert.Equal("vandalized", note.Title);

        await Eventually.WaitAsync(() => other.Errors.OfType<CompensatingWriteException>().Any(), Deadline, "the server reported the denied write");
        var error = other.Errors.OfType<CompensatingWriteException>().First();
        Assert.False(error.IsFatal);
        var write = Assert.Single(error.CompensatingWrites);
        Assert.Equal("Note", write.ObjectType);
        Assert.Equal("pub", write.PrimaryKey.AsString());
        Assert.Contains("write rule", write.Reason, StringComparison.Ordinal);

        // The local object reverts in place (the live object stays valid), and the server never took the change.
        await Eventually.WaitAsync(() => { otherRealm.Refresh(); return note.Title == "original"; }, Deadline, "the local copy reverted to the server's state");
        Assert.True(note.IsValid);
        Assert.True(await ownerRealm.SyncSession.WaitForDownloadAsync(Deadline));
        Assert.Equal("original", ownerRealm.Find<Note>("pub")!.Title);
        Assert.Equal(SessionState.Active, otherRealm.SyncSession.State);
    }

    [Fact]
    public async Task Objects_created_for_someone_else_or_outside_the_subscriptions_are_removed_again()
    {
        await using var server = await SyncTestServer.StartAsync(Rules);
        await using var device = await FlexibleDevice.CreateAsync(server);
        await using var observer = await FlexibleDevice.CreateAsync(server);
        using var realm = device.Open();
        using var observerRealm = observer.Open();
        await realm.All<Note>().Where(n => n.Priority >= 3).SubscribeAsync().WaitAsync(Deadline);
        await observerRealm.All<Note>().SubscribeAsync().WaitAsync(Deadline);

        realm.Write(() =>
        {
            realm.Add(new Note { Id = "forged", OwnerId = observer.User.Id, IsPublic = true, Priority = 5 }); // someone else's
            realm.Add(new Note { Id = "outside", OwnerId = device.User.Id, IsPublic = true, Priority = 1 }); // not subscribed
            realm.Add(new Note { Id = "fine", OwnerId = device.User.Id, IsPublic = true, Priority = 4 });
        });

        await Eventually.WaitAsync(() => realm.Find<Note>("forged") is null && realm.Find<Note>("outside") is null, Deadline, "the denied creations were removed locally");
        Assert.NotNull(realm.Find<Note>("fine"));
        await Eventually.WaitAsync(
            () => Denied(device).SequenceEqual(["forged", "outside"]), Deadline, "both denied creations were reported as compensating writes");

        // Only the allowed note exists on the server.
        await Eventually.WaitAsync(() => FlexibleDevice.Ids(observerRealm).SequenceEqual(["fine"]), Deadline, "the observer sees only the allowed note");
        Assert.True(await observerRealm.SyncSession.WaitForDownloadAsync(Deadline));
        Assert.Equal(["fine"], FlexibleDevice.Ids(observerRealm));
    }

    [Fact]
    public async Task Giving_away_a_note_or_deleting_anothers_note_is_denied()
    {
        await using var server = await SyncTestServer.StartAsync(Rules);
        await using var owner = await FlexibleDevice.CreateAsync(server);
        await using var other = await FlexibleDevice.CreateAsync(server);
        using var ownerRealm = await owner.OpenSubscribedToAllAsync();
        using var otherRealm = await other.OpenSubscribedToAllAsync();
        ownerRealm.Write(() =>
        {
            ownerRealm.Add(new Note { Id = "keep", OwnerId = owner.User.Id, IsPublic = true });
            ownerRealm.Add(new Note { Id = "give", OwnerId = owner.User.Id, IsPublic = false });
        });
        Assert.True(await ownerRealm.SyncSession.WaitForUploadAsync(Deadline));
        await Eventually.WaitAsync(() => otherRealm.Find<Note>("keep") is not null, Deadline, "the public note arrived");

        // The other user deletes a note it can see but not write: it comes back.
        otherRealm.Write(() => otherRealm.Remove(otherRealm.Find<Note>("keep")!));
        await Eventually.WaitAsync(() => { otherRealm.Refresh(); return otherRealm.Find<Note>("keep") is not null; }, Deadline, "the deleted note was restored");

        // The owner cannot give a note away (the new owner would fail the write rule for them): it reverts.
        ownerRealm.Write(() => ownerRealm.Find<Note>("give")!.OwnerId = other.User.Id);
        await Eventually.WaitAsync(() => { ownerRealm.Refresh(); return ownerRealm.Find<Note>("give")?.OwnerId == owner.User.Id; }, Deadline, "the change of owner reverted");
        await Eventually.WaitAsync(() => Denied(owner).Contains("give"), Deadline, "the change of owner was reported as a compensating write");
        Assert.DoesNotContain("give", FlexibleDevice.Ids(otherRealm));
    }

    [Fact]
    public async Task A_partition_style_session_is_refused_by_a_server_with_rules()
    {
        await using var server = await SyncTestServer.StartAsync(Rules);
        await using var device = await Device.CreateAsync(server);
        SessionException? error = null;
        using var realm = Realm.Open(new SyncConfiguration(device.User) { ObjectClasses = Device.Classes, OnSessionError = (_, e) => error ??= e });

        // The handler runs on the thread pool, after the state change: wait for both.
        await Eventually.WaitAsync(() => realm.SyncSession.State == SessionState.Invalid && Volatile.Read(ref error) is not null, Deadline, "the session stopped and reported why");
        Assert.Equal(SyncErrorCode.FlexibleSyncRequired, error!.ServerCode);
        Assert.True(error.IsFatal);
        Assert.Contains("FlexibleSyncConfiguration", error.Message, StringComparison.Ordinal);
    }

    // The primary keys of every compensating write reported to the device so far (handlers run on the thread pool).
    private static string[] Denied(FlexibleDevice device) =>
        [.. device.Errors.OfType<CompensatingWriteException>().SelectMany(e => e.CompensatingWrites).Select(w => w.PrimaryKey.AsString()).Order(StringComparer.Ordinal)];
}
