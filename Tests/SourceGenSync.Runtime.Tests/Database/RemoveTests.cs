using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Remove, RemoveRange, RemoveAll: objects become invalid, links to them become null.</summary>
public sealed class RemoveTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_removed_object_is_invalid_and_reading_it_throws_a_helpful_RealmInvalidObjectException()
    {
        var realm = _temp.Open();
        var node = realm.Write(() => realm.Add(new DbNode { Name = "n", Value = 1 }));

        realm.Write(() => realm.Remove(node));

        Assert.False(node.IsValid);
        Assert.True(node.IsManaged);
        var error = Assert.Throws<RealmInvalidObjectException>(() => node.Value);
        Assert.Contains("DbNode", error.Message, StringComparison.Ordinal);
        Assert.Contains("removed", error.Message, StringComparison.Ordinal);
        Assert.Contains("IsValid", error.Message, StringComparison.Ordinal);
        Assert.Null(realm.Find<DbNode>("n"));
        Assert.Null(_temp.Open().Find<DbNode>("n"));
    }

    [Fact]
    public void Writing_or_removing_a_removed_object_throws_RealmInvalidObjectException()
    {
        var realm = _temp.Open();
        var node = realm.Write(() => realm.Add(new DbNode { Name = "n" }));
        realm.Write(() => realm.Remove(node));

        realm.Write(() =>
        {
            Assert.Throws<RealmInvalidObjectException>(() => node.Value = 5);
            Assert.Throws<RealmInvalidObjectException>(() => realm.Remove(node));
            Assert.Throws<RealmInvalidObjectException>(() => realm.Add(new DbNode { Name = "m", Next = node }));
        });
    }

    [Fact]
    public void Removing_an_unmanaged_object_throws_ArgumentException()
    {
        var realm = _temp.Open();

        realm.Write(() => Assert.Throws<ArgumentException>(() => realm.Remove(new DbNode { Name = "x" })));
    }

    [Fact]
    public void A_link_to_a_removed_object_becomes_null_on_live_objects_with_PropertyChanged()
    {
        var realm = _temp.Open();
        var target = new DbNode { Name = "target" };
        var source = realm.Write(() => realm.Add(new DbNode { Name = "source", Next = target }));
        var changed = new List<string?>();
        source.PropertyChanged += (_, e) => changed.Add(e.PropertyName);

        realm.Write(() => realm.Remove(target));

        Assert.Null(source.Next);
        Assert.Equal(["Next"], changed);
        Assert.Null(_temp.Open().Find<DbNode>("source")!.Next);
    }

    [Fact]
    public void A_link_to_a_removed_object_becomes_null_even_when_the_linking_object_changed_in_the_same_transaction()
    {
        var realm = _temp.Open();
        var target = new DbNode { Name = "target" };
        var source = realm.Write(() => realm.Add(new DbNode { Name = "source", Next = target }));

        realm.Write(() =>
        {
            source.Value = 10;
            realm.Remove(target);
            Assert.Null(source.Next);
        });

        Assert.Equal(10, source.Value);
        Assert.Null(source.Next);
    }

    [Fact]
    public void Rolling_back_a_removal_restores_the_links_to_the_object()
    {
        var realm = _temp.Open();
        var target = new DbNode { Name = "target" };
        var source = realm.Write(() => realm.Add(new DbNode { Name = "source", Next = target }));

        using (realm.BeginWrite())
        {
            realm.Remove(target);
            Assert.Null(source.Next);
        }

        Assert.True(target.IsValid);
        Assert.Same(target, source.Next);
    }

    [Fact]
    public void RemoveAll_invalidates_objects_reached_through_links_that_were_never_read()
    {
        using (var writer = Realm.Open(_temp.Config))
        {
            writer.Write(() => writer.Add(new DbNode { Name = "source", Next = new DbNode { Name = "target" } }));
        }

        var realm = _temp.Open();
        var target = realm.Find<DbNode>("source")!.Next!;

        realm.Write(() => realm.RemoveAll<DbNode>());

        Assert.False(target.IsValid);
        Assert.Throws<RealmInvalidObjectException>(() => target.Value);
    }

    [Fact]
    public async Task A_link_to_a_removed_object_becomes_null_in_another_instance_after_its_refresh()
    {
        var realm = _temp.Open();
        var other = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "source", Next = new DbNode { Name = "target" } }));
        other.Refresh();
        var source = other.Find<DbNode>("source")!;
        var target = source.Next!;

        realm.Write(() => realm.Remove(realm.Find<DbNode>("target")!));
        await TempRealm.WaitUntil(() => source.Next is null && !target.IsValid, "the other instance saw the removal");

        Assert.Null(other.Find<DbNode>("target"));
    }

    [Fact]
    public void Removing_an_object_removes_it_from_lists_and_backlinks_that_held_it()
    {
        var realm = _temp.Open();
        var todo = new TodoItem { Id = ObjectId.GenerateNewId(), Title = "t" };
        var project = new Project { Id = Guid.NewGuid(), Name = "p" };
        project.Items.Add(todo);
        todo.Project = project;
        realm.Write(() => realm.Add(project));
        Assert.Single(project.Todos);

        realm.Write(() => realm.Remove(todo));

        Assert.Empty(project.Items);
        Assert.Empty(project.Todos);
    }

    [Fact]
    public void RemoveRange_removes_exactly_the_matching_objects()
    {
        var realm = _temp.Open();
        realm.Write(() => realm.Add(Enumerable.Range(0, 10).Select(i => new DbNode { Name = "n" + i, Value = i })));
        var kept = realm.Find<DbNode>("n1")!;
        var removed = realm.Find<DbNode>("n7")!;

        realm.Write(() => realm.RemoveRange(realm.All<DbNode>().Where(n => n.Value >= 5)));

        Assert.Equal(5, realm.All<DbNode>().Count());
        Assert.True(kept.IsValid);
        Assert.False(removed.IsValid);
        Assert.Equal([0, 1, 2, 3, 4], realm.All<DbNode>().OrderBy(n => n.Value).Select(n => n.Value).ToList());
    }

    [Fact]
    public void RemoveAll_of_a_class_removes_only_that_class()
    {
        var realm = _temp.Open();
        realm.Write(() =>
        {
            realm.Add(Enumerable.Range(0, 5).Select(i => new DbNode { Name = "n" + i }));
            realm.Add(new DbLogEntry { Message = "stays" });
        });
        var node = realm.Find<DbNode>("n0")!;

        realm.Write(() => realm.RemoveAll<DbNode>());

        Assert.Empty(realm.All<DbNode>());
        Assert.Single(realm.All<DbLogEntry>());
        Assert.False(node.IsValid);
        Assert.Equal(0, _temp.Open().All<DbNode>().Count());
    }

    [Fact]
    public void RemoveAll_empties_every_class_including_embedded_rows()
    {
        var realm = _temp.Open();
        realm.Write(() =>
        {
            realm.Add(new DbNode { Name = "n" });
            realm.Add(new DbLogEntry { Message = "m" });
            realm.Add(new Project { Id = Guid.NewGuid(), Name = "p", Office = new Address { Street = "s" } });
            realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "t" });
        });

        realm.Write(() => realm.RemoveAll());

        Assert.Empty(realm.All<DbNode>());
        Assert.Empty(realm.All<DbLogEntry>());
        Assert.Empty(realm.All<Project>());
        Assert.Empty(realm.All<TodoItem>());
        Assert.Equal(0L, _temp.Scalar("SELECT count(*) FROM \"class_Address\""));
    }

    [Fact]
    public void Removing_outside_a_write_transaction_throws()
    {
        var realm = _temp.Open();
        var node = realm.Write(() => realm.Add(new DbNode { Name = "n" }));

        Assert.Throws<RealmInvalidTransactionException>(() => realm.Remove(node));
        Assert.Throws<RealmInvalidTransactionException>(() => realm.RemoveAll<DbNode>());
        Assert.Throws<RealmInvalidTransactionException>(() => realm.RemoveAll());
        Assert.True(node.IsValid);
    }

    [Fact]
    public void Removing_an_object_of_another_instance_throws()
    {
        var one = _temp.Open();
        var two = _temp.Open();
        var node = one.Write(() => one.Add(new DbNode { Name = "n" }));

        Assert.Throws<RealmObjectManagedByAnotherRealmException>(() => two.Write(() => two.Remove(node)));
        Assert.True(node.IsValid);
    }
}
