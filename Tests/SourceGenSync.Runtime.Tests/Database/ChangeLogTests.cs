using System;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Each non-empty commit appends exactly one changeset, read back with a plain SQLite connection.</summary>
public sealed class ChangeLogTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ObjectRef Node(string name) => ObjectRef.TopLevel("DbNode", name);

    [Fact]
    public void Each_non_empty_commit_appends_one_changeset_with_versions_1_to_N_and_empty_commits_append_none()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() => realm.Add(new DbNode { Name = "a" }));
            realm.Write(() => { });
            using (var transaction = realm.BeginWrite())
            {
                transaction.Commit();
            }

            realm.Write(() => realm.Find<DbNode>("a")!.Value = 2);
            Assert.ThrowsAny<Exception>(() => realm.Write(() =>
            {
                realm.Find<DbNode>("a")!.Value = 3;
                throw new InvalidOperationException();
            }));
            realm.Write(() => realm.Remove(realm.Find<DbNode>("a")!));
        }

        var log = _temp.Changesets();

        Assert.Equal([1L, 2L, 3L], log.Select(c => c.Version));
        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp));
    }

    [Fact]
    public void Adding_an_object_records_CreateObject_then_a_SetField_per_non_key_property()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() => realm.Add(new DbNode { Name = "a", Value = 7 }));
        }

        var instructions = _temp.Changesets().Single().Instructions;

        Assert.Equal(new CreateObject(Node("a")), instructions[0]);
        Assert.Contains(new SetField(Node("a"), "Value", Payload.Of(7L)), instructions);
        Assert.Contains(new SetField(Node("a"), "Next", Payload.Of(RealmValue.Null)), instructions);
        Assert.DoesNotContain(instructions, i => i is SetField { Field: "Name" });
    }

    [Fact]
    public void Setting_a_property_records_SetField_with_the_stored_name()
    {
        var id = ObjectId.GenerateNewId();
        using (var realm = Realm.Open(_temp.Config))
        {
            var todo = realm.Write(() => realm.Add(new TodoItem { Id = id, Title = "a" }));
            realm.Write(() => todo.Title = "b");
        }

        var last = _temp.Changesets().Last();

        Assert.Equal(2, last.Version);
        Assert.Equal([new SetField(ObjectRef.TopLevel("TodoItem", id), "title", Payload.Of("b"))], last.Instructions);
    }

    [Fact]
    public void Links_are_recorded_as_link_payloads_to_the_target_primary_key()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() => realm.Add(new DbNode { Name = "a", Next = new DbNode { Name = "b" } }));
        }

        var instructions = _temp.Changesets().Single().Instructions;

        Assert.Contains(new CreateObject(Node("b")), instructions);
        Assert.Contains(new SetField(Node("a"), "Next", Payload.Link("DbNode", "b")), instructions);
    }

    [Fact]
    public void Removing_records_EraseObject_and_a_counter_increment_records_AddCounter()
    {
        var id = ObjectId.GenerateNewId();
        using (var realm = Realm.Open(_temp.Config))
        {
            var todo = realm.Write(() => realm.Add(new TodoItem { Id = id, Title = "t" }));
            realm.Write(() => todo.Views.Increment(5));
            realm.Write(() => realm.Remove(todo));
        }

        var log = _temp.Changesets();

        Assert.Equal([new AddCounter(ObjectRef.TopLevel("TodoItem", id), "views", 5)], log[1].Instructions);
        Assert.Equal([new EraseObject(ObjectRef.TopLevel("TodoItem", id))], log[2].Instructions);
    }

    [Fact]
    public void Objects_without_a_primary_key_are_named_by_their_row_key()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() => realm.Add(new DbLogEntry { Message = "m", Level = 2 }));
        }

        var create = Assert.IsType<CreateObject>(_temp.Changesets().Single().Instructions[0]);

        Assert.Equal("DbLogEntry", create.Object.Class);
        Assert.Equal(RealmValueType.Int, create.Object.PrimaryKey.Type);
    }

    [Fact]
    public void Embedded_objects_are_recorded_under_their_owner_path()
    {
        var id = Guid.NewGuid();
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() => realm.Add(new Project { Id = id, Name = "p", Office = new Address { Street = "Main" } }));
        }

        var instructions = _temp.Changesets().Single().Instructions;
        var owner = ObjectRef.TopLevel("project_v2", id);

        Assert.Contains(new SetField(owner, "Office", Payload.NewEmbedded), instructions);
        Assert.Contains(instructions, i => i is SetField { Field: "Street" } s && s.Object.Class == "project_v2" && s.Object.PrimaryKey == id && s.Object.Path.Single().Property == "Office" && s.Value == Payload.Of("Main"));
        Assert.DoesNotContain(instructions, i => i.Object.Class == "Address");
    }

    [Fact]
    public void An_asymmetric_object_is_recorded_for_upload_but_not_stored()
    {
        var id = ObjectId.GenerateNewId();
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() => realm.Add(new AuditEvent { Id = id, Message = "logged in" }));
        }

        var instructions = _temp.Changesets().Single().Instructions;

        Assert.Equal(new CreateObject(ObjectRef.TopLevel("AuditEvent", id)), instructions[0]);
        Assert.Contains(new SetField(ObjectRef.TopLevel("AuditEvent", id), "Message", Payload.Of("logged in")), instructions);
    }
}
