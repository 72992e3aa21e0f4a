using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Frozen realms, objects and queries are immutable snapshots.</summary>
public sealed class FreezeTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_frozen_realm_keeps_its_snapshot_after_later_commits()
    {
        var realm = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "a", Value = 1 }));
        var frozen = realm.Freeze();

        realm.Write(() =>
        {
            realm.Find<DbNode>("a")!.Value = 2;
            realm.Add(new DbNode { Name = "b" });
        });
        _temp.Open().Write(() => { });

        Assert.True(frozen.IsFrozen);
        Assert.Same(frozen, frozen.Freeze());
        Assert.Equal(1, frozen.Find<DbNode>("a")!.Value);
        Assert.Null(frozen.Find<DbNode>("b"));
        Assert.Equal(1, frozen.All<DbNode>().Count());
        Assert.False(frozen.Refresh());
        Assert.Equal(2, realm.All<DbNode>().Count());
    }

    [Fact]
    public void Freeze_brings_the_realm_up_to_date_first_so_realm_and_snapshot_agree_and_later_commits_stay_out()
    {
        var realm = _temp.Open();
        var writer = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "a" }));

        // Hold the realm's gate so it cannot refresh to the other instance's commit on its own before freezing.
        Realm frozen;
        lock (realm.Gate)
        {
            writer.Write(() => writer.Add(new DbNode { Name = "b" }));
            frozen = realm.Freeze();
        }

        writer.Write(() => writer.Add(new DbNode { Name = "c" }));
        realm.Refresh();

        Assert.Equal(2, frozen.All<DbNode>().Count());
        Assert.Equal(3, realm.All<DbNode>().Count());
    }

    [Fact]
    public void Writing_to_a_frozen_realm_or_a_frozen_object_throws_RealmReadOnlyException()
    {
        var realm = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "a", Value = 1 }));
        var frozen = realm.Freeze();
        var frozenNode = frozen.Find<DbNode>("a")!;

        Assert.Throws<RealmReadOnlyException>(() => frozen.Write(() => { }));
        Assert.Throws<RealmReadOnlyException>(() => frozen.BeginWrite());
        var error = Assert.Throws<RealmReadOnlyException>(() => frozenNode.Value = 5);
        Assert.Contains("frozen", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, frozenNode.Value);
    }

    [Fact]
    public async Task A_frozen_object_keeps_its_values_and_is_readable_from_another_thread()
    {
        var realm = _temp.Open();
        var live = realm.Write(() => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "v1", Project = new Project { Id = Guid.NewGuid(), Name = "p" } }));
        var frozen = live.Freeze();

        realm.Write(() => live.Title = "v2");
        var (title, project) = await Task.Run(() => (frozen.Title, frozen.Project!.Name));

        Assert.True(frozen.IsFrozen());
        Assert.False(live.IsFrozen());
        Assert.NotSame(live, frozen);
        Assert.Equal("v1", title);
        Assert.Equal("p", project);
        Assert.Equal("v2", live.Title);
    }

    [Fact]
    public void A_frozen_query_keeps_its_results()
    {
        var realm = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "a", Value = 1 }));
        var frozen = realm.All<DbNode>().Where(n => n.Value > 0).Freeze();

        realm.Write(() => realm.Add(new DbNode { Name = "b", Value = 2 }));

        Assert.Single(frozen);
        Assert.Equal(2, realm.All<DbNode>().Where(n => n.Value > 0).Count());
    }

    [Fact]
    public void Disposing_a_frozen_realm_invalidates_its_objects_and_leaves_the_live_realm_working()
    {
        var realm = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "a" }));
        var frozen = realm.Freeze();
        var node = frozen.Find<DbNode>("a")!;

        frozen.Dispose();

        Assert.True(frozen.IsClosed);
        Assert.Throws<RealmInvalidObjectException>(() => node.Value);
        realm.Write(() => realm.Find<DbNode>("a")!.Value = 3);
        Assert.Equal(3, realm.Find<DbNode>("a")!.Value);
        Assert.NotSame(frozen, realm.Freeze());
    }

    [Fact]
    public void Disposing_the_live_realm_disposes_its_frozen_realms_and_DeleteRealm_then_succeeds()
    {
        var realm = Realm.Open(_temp.Config);
        realm.Write(() => realm.Add(new DbNode { Name = "a" }));
        var frozen = realm.Freeze();

        realm.Dispose();

        Assert.True(frozen.IsClosed);
        Realm.DeleteRealm(_temp.Config);
    }

    [Fact]
    public void Freezing_an_unmanaged_object_throws()
    {
        Assert.Throws<RealmException>(() => new DbNode { Name = "x" }.Freeze());
    }
}
