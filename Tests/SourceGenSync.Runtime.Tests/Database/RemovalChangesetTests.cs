using System;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>The committed changeset of a removal names every reference the store cleared, before the EraseObject.</summary>
public sealed class RemovalChangesetTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Removing_a_linked_object_records_link_list_set_and_dictionary_cleanup_then_EraseObject()
    {
        var todoId = ObjectId.GenerateNewId();
        var projectId = Guid.NewGuid();
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() =>
            {
                var todo = realm.Add(new TodoItem { Id = todoId, Title = "t" });
                realm.Add(new Comment { Id = 1, Text = "a", Item = todo });
                realm.Add(new Comment { Id = 2, Text = "b", Item = todo });
                realm.Add(new Comment { Id = 3, Text = "c" });
                var project = realm.Add(new Project { Id = projectId, Name = "p" });
                project.Items.Add(todo);
                project.Starred.Add(todo);
                project.ByKey["k"] = todo;
            });
            realm.Write(() => realm.Remove(realm.Find<TodoItem>(todoId)!));
        }

        var instructions = _temp.Changesets().Last().Instructions;
        var project = ObjectRef.TopLevel("project_v2", projectId);
        Instruction[] expected =
        [
            new SetField(ObjectRef.TopLevel("Comment", 1L), "item", Payload.Of(RealmValue.Null)),
            new SetField(ObjectRef.TopLevel("Comment", 2L), "item", Payload.Of(RealmValue.Null)),
            new ListErase(project, "Items", 0),
            new SetErase(project, "Starred", Payload.Link("TodoItem", todoId)),
            new DictionarySet(project, "ByKey", "k", Payload.Of(RealmValue.Null)),
        ];

        Assert.Equal(expected.Length + 1, instructions.Count);
        Assert.Equal(new EraseObject(ObjectRef.TopLevel("TodoItem", todoId)), instructions[^1]);
        Assert.Equal(expected.OrderBy(i => i.ToString()), instructions.Take(expected.Length).OrderBy(i => i.ToString()));
    }

    [Fact]
    public void Removing_an_object_nothing_links_to_records_only_EraseObject()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() => realm.Add(new DbNode { Name = "a", Next = new DbNode { Name = "b" } }));
            realm.Write(() => realm.Remove(realm.Find<DbNode>("a")!));
        }

        Assert.Equal([new EraseObject(ObjectRef.TopLevel("DbNode", "a"))], _temp.Changesets().Last().Instructions);
    }

    [Fact]
    public void A_self_link_is_cleared_before_the_object_is_erased()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() =>
            {
                var a = realm.Add(new DbNode { Name = "a" });
                a.Next = a;
                realm.Add(new DbNode { Name = "b", Next = a });
            });
            realm.Write(() => realm.Remove(realm.Find<DbNode>("a")!));
        }

        var instructions = _temp.Changesets().Last().Instructions;
        Assert.Equal(new EraseObject(ObjectRef.TopLevel("DbNode", "a")), instructions[^1]);
        Assert.Contains(new SetField(ObjectRef.TopLevel("DbNode", "b"), "Next", Payload.Of(RealmValue.Null)), instructions);
    }
}
