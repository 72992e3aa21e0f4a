using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Internal;
using SourceGenSync.Runtime.Tests.Models;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Managed;

/// <summary>The managed path of generated code, proven against <see cref="TestAccessor"/>.</summary>
public sealed class ManagedObjectTests
{
    [Fact]
    public void SetManagedAccessor_makes_the_object_managed_and_IsValid_follows_the_accessor()
    {
        var item = new TodoItem();
        var accessor = new TestAccessor();

        ((IGeneratedObject)item).SetManagedAccessor(accessor);

        Assert.True(item.IsManaged);
        Assert.Same(accessor, ((IGeneratedObject)item).Accessor);
        Assert.True(item.IsValid);
        accessor.Valid = false;
        Assert.False(item.IsValid);
    }

    [Fact]
    public void Setters_call_the_typed_accessor_method_with_the_property_ordinal_and_value()
    {
        var (item, accessor) = Managed(new TodoItem());
        var id = ObjectId.GenerateNewId();
        var project = new Project();

        item.Id = id;
        item.Title = "milk";
        item.Priority = 3;
        item.IsDone = true;
        item.DueAt = DateTimeOffset.UnixEpoch;
        item.DueAt = null;
        item.Project = project;
        item.Views = 9L;

        Assert.Equal(
            [
                new AccessorCall("SetObjectId", 0, id), new AccessorCall("SetString", 1, "milk"), new AccessorCall("SetInt64", 3, 3L),
                new AccessorCall("SetBoolean", 4, true), new AccessorCall("SetDateTimeOffset", 5, DateTimeOffset.UnixEpoch),
                new AccessorCall("SetNull", 5, null), new AccessorCall("SetObject", 6, project), new AccessorCall("SetInt64", 9, 9L),
            ],
            accessor.Calls);
        Assert.Equal("milk", item.Title);
    }

    [Fact]
    public void Every_scalar_type_goes_through_its_own_typed_setter()
    {
        var (all, accessor) = Managed(new AllTypes());

        all.Flag = true; all.Byte = 7; all.Float = 1.5f; all.Double = 2.5; all.Decimal = 3.5m; all.Data = [1];
        all.Timestamp = DateTime.UnixEpoch; all.Guid = Guid.Empty; all.Color = Color.Blue; all.Mixed = "m";
        all.OptionalInt = null; all.OptionalColor = Color.Green;

        Assert.Equal(
            ["SetBoolean", "SetInt64", "SetSingle", "SetDouble", "SetDecimal", "SetBytes", "SetDateTime", "SetGuid", "SetInt64", "SetRealmValue", "SetNull", "SetInt64"],
            accessor.Calls.Select(static c => c.Method));
        Assert.Equal(200L, accessor.Calls[8].Value);
        Assert.Equal(2L, accessor.Calls[^1].Value);
        Assert.Equal(Ordinal<AllTypes>("OptionalInt"), accessor.Calls[10].Index);
    }

    [Fact]
    public void Managed_setters_write_even_an_unchanged_value_and_leave_notification_to_the_store()
    {
        var (item, accessor) = Managed(new TodoItem());
        var changes = new Generated.PropertyChangedRecorder(item);

        item.Title = "same";
        item.Title = "same";

        Assert.Equal(2, accessor.Calls.Count);
        Assert.Empty(changes.Names);
    }

    [Fact]
    public void Getters_check_that_the_object_is_readable()
    {
        var (item, accessor) = Managed(new TodoItem());

        _ = item.Title;
        _ = item.Priority;
        _ = item.Views;
        _ = item.Tags;

        Assert.Equal(4, accessor.ReadChecks);
        accessor.Valid = false;
        Assert.Throws<InvalidOperationException>(() => item.Title);
    }

    [Fact]
    public void Managed_collections_and_backlinks_come_from_the_accessor()
    {
        var (item, accessor) = Managed(new TodoItem());

        item.Tags.Add("live");

        Assert.Same(accessor.Collection<List<string>>(Ordinal<TodoItem>("Tags"), static () => []), item.Tags);
        Assert.Equal(["live"], accessor.Collection<List<string>>(Ordinal<TodoItem>("Tags"), static () => []));
        Assert.Same(accessor.Collection<Dictionary<string, int>>(Ordinal<TodoItem>("Counts"), static () => []), item.Counts);
        Assert.Empty(item.Comments);
        Assert.Equal(Ordinal<TodoItem>("Comments"), accessor.Single("GetBacklinks").Index);
    }

    [Fact]
    public void Counter_Increment_on_a_managed_object_records_a_delta_not_a_value()
    {
        var (item, accessor) = Managed(new TodoItem());

        var result = item.Views.Increment(4);

        Assert.Equal(new AccessorCall("IncrementCounter", Ordinal<TodoItem>("Views"), 4L), accessor.Single("IncrementCounter"));
        Assert.Equal(4L, result.Value);
        Assert.Equal(4L, item.Views.Value);
    }

    [Fact]
    public void ReadProperties_loads_every_stored_value_without_notifying_when_asked_not_to()
    {
        var item = new TodoItem();
        var changes = new Generated.PropertyChangedRecorder(item);
        var project = new Project();
        var row = TodoRow(title: "loaded", priority: 7, project: project);

        ((IGeneratedObject)item).ReadProperties(row, raiseChanged: false);

        Assert.Equal(("loaded", 7, "owner", true, 12L), (item.Title, item.Priority, item.OwnerId, item.IsDone, item.Views.Value));
        Assert.Same(project, item.Project);
        Assert.Null(item.DueAt);
        Assert.Empty(changes.Names);
    }

    [Fact]
    public void ReadProperties_with_raiseChanged_notifies_exactly_the_properties_that_changed()
    {
        var item = new TodoItem();
        ((IGeneratedObject)item).ReadProperties(TodoRow(title: "a", priority: 1, project: null), raiseChanged: false);
        var changes = new Generated.PropertyChangedRecorder(item);

        ((IGeneratedObject)item).ReadProperties(TodoRow(title: "b", priority: 1, project: new Project()), raiseChanged: true);

        Assert.Equal(["Title", "Project"], changes.Names);
        Assert.Equal("b", item.Title);
    }

    [Fact]
    public void WriteProperties_emits_every_stored_property_including_collections()
    {
        var project = new Project { Name = "p" };
        var item = new TodoItem { Id = ObjectId.GenerateNewId(), Title = "t", OwnerId = "o", Priority = 2, Project = project, Views = 5L };
        item.Tags.Add("x");
        item.Counts["k"] = 1;
        var writer = new TestAccessor();

        ((IGeneratedObject)item).WriteProperties(writer);

        var stored = TodoItem.Schema.Properties.Where(static p => !p.IsComputed).Select(static p => p.Index);
        Assert.Equal(stored, writer.Calls.Select(static c => c.Index));
        Assert.Equal(new AccessorCall("SetNull", 5, null), writer.Calls[5]);
        Assert.Equal(["x"], Assert.IsType<List<string>>(writer.Calls[7].Value));
        Assert.Equal(1, Assert.IsType<Dictionary<string, int>>(writer.Calls[8].Value)["k"]);
        Assert.Equal(new AccessorCall("SetInt64", 9, 5L), writer.Calls[9]);
    }

    [Fact]
    public void WriteProperties_copies_object_collections_and_embedded_objects()
    {
        var project = new Project { Office = new Address { Street = "s" } };
        var item = new TodoItem();
        project.Items.Add(item);
        project.Starred.Add(item);
        project.ByKey["k"] = null;
        project.Branches.Add(new Address());
        var writer = new TestAccessor();

        ((IGeneratedObject)project).WriteProperties(writer);

        Assert.Equal(
            ["SetGuid", "SetString", "SetString", "SetObject", "SetList", "SetSet", "SetDictionary", "SetList"],
            writer.Calls.Select(static c => c.Method));
        Assert.Same(project.Office, writer.Calls[3].Value);
        Assert.Same(item, Assert.Single(Assert.IsType<List<TodoItem>>(writer.Calls[4].Value)));
    }

    [Fact]
    public void After_SetManagedAccessor_the_unmanaged_collections_are_replaced_by_the_live_ones()
    {
        var item = new TodoItem();
        item.Tags.Add("unmanaged");
        var accessor = new TestAccessor();

        ((IGeneratedObject)item).SetManagedAccessor(accessor);

        Assert.Empty(item.Tags);
    }

    [Fact]
    public void RaisePropertyChanged_raises_for_the_named_property()
    {
        var item = new TodoItem();
        var changes = new Generated.PropertyChangedRecorder(item);

        ((IGeneratedObject)item).RaisePropertyChanged("Title");

        Assert.Equal(["Title"], changes.Names);
    }

    private static (T Item, TestAccessor Accessor) Managed<T>(T item)
        where T : IRealmObjectBase
    {
        var accessor = new TestAccessor();
        item.SetManagedAccessor(accessor);
        return (item, accessor);
    }

    private static int Ordinal<T>(string name)
        where T : IRealmObjectBase =>
        SchemaRegistry.Get<T>().TryFindProperty(name, out var property) ? property.Index : throw new ArgumentException(name);

    private static TestRowReader TodoRow(string title, int priority, Project? project) => new(new Dictionary<int, object?>
    {
        [0] = ObjectId.Empty, [1] = title, [2] = "owner", [3] = (long)priority, [4] = true, [5] = null, [6] = project, [9] = 12L,
    });
}
