using System;
using System.Linq;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Add: managing objects in place, primary key conflicts, upserts and links.</summary>
public sealed class AddTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Add_makes_the_same_instance_managed_and_Find_and_queries_return_that_instance()
    {
        var realm = _temp.Open();
        var node = new DbNode { Name = "a", Value = 1 };
        Assert.False(node.IsManaged);

        var returned = realm.Write(() => realm.Add(node));

        Assert.Same(node, returned);
        Assert.True(node.IsManaged);
        Assert.True(node.IsValid);
        Assert.Same(node, realm.Find<DbNode>("a"));
        Assert.Same(node, realm.All<DbNode>().First());
        Assert.Same(node, realm.All<DbNode>().Where(n => n.Value == 1).Single());
    }

    [Fact]
    public void Find_returns_the_same_instance_every_time_and_null_for_a_missing_or_null_key()
    {
        var id = ObjectId.GenerateNewId();
        using (var writer = Realm.Open(_temp.Config))
        {
            writer.Write(() => writer.Add(new TodoItem { Id = id, Title = "t" }));
        }

        var realm = _temp.Open();
        var first = realm.Find<TodoItem>(id);

        Assert.NotNull(first);
        Assert.Same(first, realm.Find<TodoItem>(id));
        Assert.Same(first, realm.All<TodoItem>().Single());
        Assert.Null(realm.Find<TodoItem>(ObjectId.GenerateNewId()));
        Assert.Null(realm.Find<TodoItem>((ObjectId?)null));
        Assert.Null(realm.Find<DbNode>((string?)null));
    }

    [Fact]
    public void Find_works_with_long_and_guid_keys()
    {
        var realm = _temp.Open();
        var id = Guid.NewGuid();
        realm.Write(() =>
        {
            realm.Add(new Comment { Id = 42, Text = "c" });
            realm.Add(new Project { Id = id, Name = "p" });
        });

        Assert.Equal("c", realm.Find<Comment>(42)!.Text);
        Assert.Equal("p", realm.Find<Project>(id)!.Name);
        Assert.Null(realm.Find<Comment>(43));
    }

    [Fact]
    public void Adding_a_duplicate_primary_key_throws_naming_the_class_and_key_and_leaves_the_file_unchanged()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() => realm.Add(new DbNode { Name = "dup", Value = 1 }));
        }

        var before = _temp.Changesets().Count;
        var reopened = _temp.Open();
        var error = Assert.Throws<RealmDuplicatePrimaryKeyValueException>(() => reopened.Write(() => reopened.Add(new DbNode { Name = "dup", Value = 2 })));

        Assert.Contains("DbNode", error.Message, StringComparison.Ordinal);
        Assert.Contains("'dup'", error.Message, StringComparison.Ordinal);
        Assert.Equal("DbNode", error.ClassName);
        Assert.Equal(1, reopened.Find<DbNode>("dup")!.Value);
        reopened.Dispose();
        Assert.Equal(before, _temp.Changesets().Count);
    }

    [Fact]
    public void Adding_a_duplicate_within_the_same_transaction_throws_too()
    {
        var realm = _temp.Open();

        realm.Write(() =>
        {
            realm.Add(new Comment { Id = 1, Text = "a" });
            Assert.Throws<RealmDuplicatePrimaryKeyValueException>(() => realm.Add(new Comment { Id = 1, Text = "b" }));
        });

        Assert.Equal("a", realm.Find<Comment>(1)!.Text);
    }

    [Fact]
    public void Add_with_update_replaces_the_values_of_the_existing_object()
    {
        var realm = _temp.Open();
        var existing = realm.Write(() => realm.Add(new DbNode { Name = "u", Value = 1, Next = new DbNode { Name = "target" } }));

        var replacement = new DbNode { Name = "u", Value = 2 };
        realm.Write(() => realm.Add(replacement, update: true));

        Assert.True(replacement.IsManaged);
        Assert.Equal(2, replacement.Value);
        Assert.Null(replacement.Next);
        Assert.Equal(2, existing.Value);
        Assert.Null(existing.Next);
        Assert.Equal(2, realm.Find<DbNode>("u")!.Value);
        Assert.Equal(2, realm.All<DbNode>().Count());
        Assert.Equal(2, _temp.Open().Find<DbNode>("u")!.Value);
    }

    [Fact]
    public void Add_with_update_raises_PropertyChanged_on_the_live_instance_after_the_commit()
    {
        var realm = _temp.Open();
        var existing = realm.Write(() => realm.Add(new DbNode { Name = "u", Value = 1 }));
        var raised = new System.Collections.Generic.List<string?>();
        existing.PropertyChanged += (_, e) => raised.Add(e.PropertyName);

        realm.Write(() =>
        {
            realm.Add(new DbNode { Name = "u", Value = 2 }, update: true);
            Assert.Equal(2, existing.Value);
            Assert.Empty(raised);
        });

        Assert.Contains("Value", raised);
    }

    [Fact]
    public void Add_with_update_of_a_new_key_inserts_and_Find_returns_the_added_instance()
    {
        var realm = _temp.Open();
        var node = new DbNode { Name = "fresh", Value = 3 };

        realm.Write(() => realm.Add(node, update: true));

        Assert.Same(node, realm.Find<DbNode>("fresh"));
    }

    [Fact]
    public void Add_with_update_when_no_live_instance_exists_keeps_the_identity_map()
    {
        using (var writer = Realm.Open(_temp.Config))
        {
            writer.Write(() => writer.Add(new DbNode { Name = "u", Value = 1 }));
        }

        var realm = _temp.Open();
        var replacement = new DbNode { Name = "u", Value = 2 };
        realm.Write(() => realm.Add(replacement, update: true));

        Assert.Same(replacement, realm.Find<DbNode>("u"));
    }

    [Fact]
    public void A_rolled_back_upsert_leaves_the_passed_object_showing_the_stored_values()
    {
        var realm = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "u", Value = 1 }));
        var replacement = new DbNode { Name = "u", Value = 2 };

        using (realm.BeginWrite())
        {
            realm.Add(replacement, update: true);
        }

        Assert.Equal(1, realm.Find<DbNode>("u")!.Value);
        Assert.True(!replacement.IsValid || replacement.Value == 1, $"the rolled back object still shows Value {replacement.Value}");
    }

    [Fact]
    public void Add_with_update_also_updates_linked_objects_whose_key_exists()
    {
        var realm = _temp.Open();
        var projectId = Guid.NewGuid();
        var todoId = ObjectId.GenerateNewId();
        realm.Write(() => realm.Add(new TodoItem { Id = todoId, Title = "t", Project = new Project { Id = projectId, Name = "old" } }));

        realm.Write(() => realm.Add(new TodoItem { Id = todoId, Title = "t2", Project = new Project { Id = projectId, Name = "new" } }, update: true));

        Assert.Equal("new", realm.Find<Project>(projectId)!.Name);
        Assert.Equal("t2", realm.Find<TodoItem>(todoId)!.Title);
        Assert.Single(realm.All<Project>());
    }

    [Fact]
    public void Add_with_update_also_updates_objects_in_link_lists_whose_key_exists()
    {
        var realm = _temp.Open();
        var projectId = Guid.NewGuid();
        var todoId = ObjectId.GenerateNewId();
        realm.Write(() => realm.Add(new TodoItem { Id = todoId, Title = "old" }));
        var project = new Project { Id = projectId, Name = "p" };
        project.Items.Add(new TodoItem { Id = todoId, Title = "new" });

        realm.Write(() => realm.Add(project, update: true));

        Assert.Equal("new", realm.Find<TodoItem>(todoId)!.Title);
        Assert.Single(realm.All<TodoItem>());
        Assert.Equal(todoId, project.Items.Single().Id);
    }

    [Fact]
    public void Removing_and_re_adding_the_same_primary_key_in_one_transaction_leaves_one_valid_object()
    {
        var realm = _temp.Open();
        var old = realm.Write(() => realm.Add(new DbNode { Name = "k", Value = 1 }));

        var fresh = realm.Write(() =>
        {
            realm.Remove(old);
            return realm.Add(new DbNode { Name = "k", Value = 2 });
        });

        Assert.False(old.IsValid);
        Assert.True(fresh.IsValid);
        Assert.Same(fresh, realm.Find<DbNode>("k"));
        Assert.Equal(2, _temp.Open().Find<DbNode>("k")!.Value);
    }

    [Fact]
    public void Adding_an_object_adds_the_unmanaged_objects_it_links_to()
    {
        var realm = _temp.Open();
        var project = new Project { Id = Guid.NewGuid(), Name = "p" };
        var todo = new TodoItem { Id = ObjectId.GenerateNewId(), Title = "t", Project = project };

        realm.Write(() => realm.Add(todo));

        Assert.True(project.IsManaged);
        Assert.Same(project, todo.Project);
        Assert.Same(project, realm.Find<Project>(project.Id));
        Assert.Equal("p", _temp.Open().Find<TodoItem>(todo.Id)!.Project!.Name);
    }

    [Fact]
    public void A_link_to_an_already_managed_object_is_kept_without_adding_it_again()
    {
        var realm = _temp.Open();
        var target = realm.Write(() => realm.Add(new DbNode { Name = "target", Value = 9 }));

        realm.Write(() => realm.Add(new DbNode { Name = "a", Next = target }));

        Assert.Same(target, realm.Find<DbNode>("a")!.Next);
        Assert.Equal(2, realm.All<DbNode>().Count());
    }

    [Fact]
    public void A_cycle_between_primary_key_objects_is_added_in_one_call_and_survives_reopening()
    {
        var realm = _temp.Open();
        var a = new DbNode { Name = "a" };
        var b = new DbNode { Name = "b", Next = a };
        a.Next = b;
        var self = new DbNode { Name = "self" };
        self.Next = self;

        realm.Write(() =>
        {
            realm.Add(a);
            realm.Add(self);
        });

        Assert.Same(b, a.Next);
        Assert.Same(a, b.Next);
        var other = _temp.Open();
        var readA = other.Find<DbNode>("a")!;
        Assert.Same(readA, readA.Next!.Next);
        Assert.Equal("b", readA.Next.Name);
        Assert.Same(other.Find<DbNode>("self"), other.Find<DbNode>("self")!.Next);
    }

    [Fact]
    public void Adding_an_object_from_another_file_throws_RealmObjectManagedByAnotherRealmException()
    {
        var realm = _temp.Open();
        using var otherTemp = new TempRealm();
        var other = otherTemp.Open();
        var foreign = other.Write(() => other.Add(new DbNode { Name = "f" }));

        var error = Assert.Throws<RealmObjectManagedByAnotherRealmException>(() => realm.Write(() => realm.Add(foreign)));
        var asLink = Assert.Throws<RealmObjectManagedByAnotherRealmException>(() => realm.Write(() => realm.Add(new DbNode { Name = "l", Next = foreign })));

        Assert.Contains("DbNode", error.Message, StringComparison.Ordinal);
        Assert.Empty(realm.All<DbNode>());
        Assert.Contains("another realm", asLink.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_an_object_of_another_instance_of_the_same_file_throws_and_says_to_find_it()
    {
        var one = _temp.Open();
        var two = _temp.Open();
        var obj = one.Write(() => one.Add(new DbNode { Name = "x" }));

        var error = Assert.Throws<RealmObjectManagedByAnotherRealmException>(() => two.Write(() => two.Add(obj, update: true)));

        Assert.Contains("same realm file", error.Message, StringComparison.Ordinal);
        Assert.Contains("Find", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_an_already_managed_object_to_its_own_realm_returns_it_unchanged()
    {
        var realm = _temp.Open();
        var node = realm.Write(() => realm.Add(new DbNode { Name = "n", Value = 1 }));

        var again = realm.Write(() => realm.Add(node));

        Assert.Same(node, again);
        Assert.Single(realm.All<DbNode>());
    }

    [Fact]
    public void Adding_a_collection_of_objects_adds_each()
    {
        var realm = _temp.Open();

        realm.Write(() => realm.Add(Enumerable.Range(0, 10).Select(i => new DbNode { Name = "n" + i, Value = i })));

        Assert.Equal(10, realm.All<DbNode>().Count());
        Assert.Equal(45, realm.All<DbNode>().Sum(n => n.Value));
    }

    [Fact]
    public void Adding_outside_a_write_transaction_throws_and_leaves_the_object_unmanaged()
    {
        var realm = _temp.Open();
        var node = new DbNode { Name = "n" };

        var error = Assert.Throws<RealmInvalidTransactionException>(() => realm.Add(node));

        Assert.Contains("Write", error.Message, StringComparison.Ordinal);
        Assert.False(node.IsManaged);
    }
}
