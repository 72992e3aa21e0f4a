using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Changesets;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>Integrated downloads reach open realms (live objects, queries); local commits reach sync observers.</summary>
public sealed class CoordinatorTests : IDisposable
{
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Live_objects_of_an_open_realm_get_PropertyChanged_after_Integrate()
    {
        var store = _files.Store("local", ident: 2);
        var realm = _files.Open("local");
        realm.Write(() => realm.Add(SyncWorkload.NewItem("a", "before")));
        var item = realm.Find<SyncItem>("a")!;
        var changed = new List<string?>();
        item.PropertyChanged += (_, e) =>
        {
            lock (changed)
            {
                changed.Add(e.PropertyName);
            }
        };
        var query = realm.All<SyncItem>();
        var realmChanged = 0;
        realm.RealmChanged += (_, _) => Interlocked.Increment(ref realmChanged);

        var a = ObjectRef.TopLevel("SyncItem", "a");
        var remote = new Changeset(1, 1, [new SetField(a, "Name", Payload.Of("after")), new CreateObject(ObjectRef.TopLevel("SyncItem", "b"))]);

        // The local creation was uploaded and acknowledged: the download is not concurrent with it.
        store.PersistAck(store.LatestLocalClientVersion());
        store.Integrate([SyncTestFiles.DownloadOf([(1, 3, remote)], 1)]);

        // The refresh runs on the thread pool and raises RealmChanged after the objects' PropertyChanged: wait for both.
        await SyncTestFiles.WaitUntil(() => { lock (changed) { return changed.Contains("Name"); } }, "PropertyChanged(Name) is raised");
        await SyncTestFiles.WaitUntil(() => Volatile.Read(ref realmChanged) > 0, "RealmChanged is raised");
        Assert.Equal("after", item.Name);
        Assert.Equal(2, query.Count());
    }

    [Fact]
    public async Task Embedded_objects_and_collections_of_an_open_realm_follow_an_integrated_download()
    {
        var store = _files.Store("local", ident: 2);
        var realm = _files.Open("local");
        realm.Write(() =>
        {
            var item = realm.Add(SyncWorkload.NewItem("a", "x"));
            item.Home = new SyncAddress { City = "old" };
            item.Tags.Add("t");
        });
        store.PersistAck(store.LatestLocalClientVersion());
        var a = realm.Find<SyncItem>("a")!;
        var home = a.Home!;
        var tags = a.Tags;

        var target = ObjectRef.TopLevel("SyncItem", "a");
        var remote = new Changeset(1, 1,
        [
            new SetField(new ObjectRef("SyncItem", "a", [new PathElement("Home")]), "City", Payload.Of("new")),
            new ListInsert(target, "Tags", 0, Payload.Of("first")),
        ]);
        store.Integrate([SyncTestFiles.DownloadOf([(1, 3, remote)], 1)]);

        await SyncTestFiles.WaitUntil(() => home.City == "new", "the live embedded object is re-read");
        await SyncTestFiles.WaitUntil(() => tags.Count == 2 && tags[0] == "first", "the live list sees the insert");
    }

    [Fact]
    public async Task An_object_erased_by_a_download_becomes_invalid()
    {
        var store = _files.Store("local", ident: 2);
        var realm = _files.Open("local");
        realm.Write(() => realm.Add(SyncWorkload.NewItem("a", "doomed")));
        var item = realm.Find<SyncItem>("a")!;
        store.PersistAck(store.LatestLocalClientVersion());

        store.Integrate([SyncTestFiles.DownloadOf([(1, 3, new Changeset(1, 1, [new EraseObject(ObjectRef.TopLevel("SyncItem", "a"))]))], 1)]);

        await SyncTestFiles.WaitUntil(() => !item.IsValid, "the erased object is invalid");
        Assert.Empty(realm.All<SyncItem>());
    }

    [Fact]
    public void Local_commit_observers_hear_commits_that_appended_a_changeset()
    {
        var store = _files.Store("local", ident: 2);
        var path = store.DatabasePath;
        var heard = 0;
        using var realm = _files.Open("local");
        using (RealmCoordinator.ObserveLocalCommits(path, () => Interlocked.Increment(ref heard)))
        {
            realm.Write(() => realm.Add(SyncWorkload.NewItem("a", "x")));
            Assert.Equal(1, heard);
            realm.Write(() => { });
            Assert.Equal(1, heard);
            using (var second = Realm.Open(_files.Config("local")))
            {
                second.Write(() => second.Find<SyncItem>("a")!.Count = 1);
            }

            Assert.Equal(2, heard);

            // A download is not a local commit.
            store.Integrate([SyncTestFiles.DownloadOf([(1, 3, new Changeset(1, 1, [new CreateObject(ObjectRef.TopLevel("SyncItem", "b"))]))], 1)]);
            Assert.Equal(2, heard);
        }

        realm.Write(() => realm.Find<SyncItem>("a")!.Count = 2);
        Assert.Equal(2, heard);
    }

    [Fact]
    public async Task NotifyExternalCommit_refreshes_every_open_instance()
    {
        _files.Store("local");
        var one = _files.Open("local");
        var two = _files.Open("local");
        var views = new[] { one.All<SyncItem>(), two.All<SyncItem>() };
        Assert.All(views, v => Assert.Empty(v));

        // A commit through a connection no realm knows about, then the notification.
        _files.ApplyTo("local", [new CreateObject(ObjectRef.TopLevel("SyncItem", "z"))]);
        RealmCoordinator.NotifyExternalCommit(_files.PathOf("local"));

        await SyncTestFiles.WaitUntil(() => one.Find<SyncItem>("z") is not null && two.Find<SyncItem>("z") is not null, "both instances see the commit");
    }
}
