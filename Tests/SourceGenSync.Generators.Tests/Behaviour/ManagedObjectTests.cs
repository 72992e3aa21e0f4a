using System;
using System.Collections.Generic;
using SourceGenSync.Internal;
using static SourceGenSync.Generators.Tests.Behaviour.GeneratedAssembly;

namespace SourceGenSync.Generators.Tests.Behaviour;

/// <summary>The accessor contract as the store drives it: copy in, attach, typed writes, refresh, counters.</summary>
public sealed class ManagedObjectTests
{
    private static (IRealmObjectBase Task, FakeAccessor Accessor) Managed()
    {
        var task = Create("TaskItem");
        var accessor = new FakeAccessor();
        ((IGeneratedObject)task).SetManagedAccessor(accessor);
        return (task, accessor);
    }

    [Fact]
    public void WriteProperties_copies_every_stored_property_with_one_typed_call()
    {
        var task = Create("TaskItem");
        var id = ObjectId.Parse("65f0a1b2c3d4e5f601234567");
        Set(task, "Id", id);
        Set(task, "Title", "Write");
        Set(task, "Priority", 3);
        Set(task, "Level", Enum.ToObject(Type("Level"), 2));
        Set(task, "Created", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Get<IList<string>>(task, "Tags").Add("red");
        Get<IDictionary<string, int>>(task, "Counts")["a"] = 1;
        var writer = new RecordingWriter();

        ((IGeneratedObject)task).WriteProperties(writer);

        Assert.Equal(
            [
                $"SetObjectId(0, {id})", "SetString(1, Write)", "SetInt64(2, 3)", "SetInt64(3, 2)", "SetNull(4)", "SetDateTime(5, Utc)",
                "SetObject(6, null)", "SetList(7, [red])", "SetDictionary(8, [a=1])", "SetSet(9, [])", "SetInt64(10, 0)",
            ],
            writer.Calls);
    }

    [Fact]
    public void Managed_setter_writes_through_the_accessor_reads_back_and_leaves_notification_to_the_store()
    {
        var (task, accessor) = Managed();
        var changes = Watch(task);

        Set(task, "Title", "Managed");
        Set(task, "Level", Enum.ToObject(Type("Level"), 1));
        Set(task, "Due", null);

        Assert.Equal(["SetString(1, Managed)", "SetInt64(3, 1)", "SetNull(4)"], accessor.Calls);
        Assert.Equal("Managed", Get(task, "Title"));
        Assert.Empty(changes);
        Assert.True(task.IsManaged);
    }

    [Fact]
    public void Managed_getter_checks_that_the_object_is_readable()
    {
        var (task, accessor) = Managed();

        _ = Get(task, "Title");
        _ = Get(task, "Priority");

        Assert.Equal(2, accessor.ReadChecks);
    }

    [Fact]
    public void IsValid_follows_the_accessor()
    {
        var (task, accessor) = Managed();

        accessor.Valid = false;

        Assert.False(task.IsValid);
    }

    [Fact]
    public void Attaching_drops_unmanaged_collections_in_favour_of_the_accessor_ones()
    {
        var task = Create("TaskItem");
        Get<IList<string>>(task, "Tags").Add("unmanaged");
        var accessor = new FakeAccessor();

        ((IGeneratedObject)task).SetManagedAccessor(accessor);
        var first = Get<IList<string>>(task, "Tags");
        var second = Get<IList<string>>(task, "Tags");

        Assert.Empty(first);
        Assert.Same(first, second);
        Assert.Equal(["Get(7)"], accessor.Calls);
    }

    [Fact]
    public void Managed_backlinks_come_from_the_accessor()
    {
        var (task, accessor) = Managed();

        _ = Get(task, "Notes");

        Assert.Equal(["Get(11)"], accessor.Calls);
    }

    [Fact]
    public void Managed_counter_increment_records_a_delta_and_updates_the_value()
    {
        var (task, accessor) = Managed();
        var changes = Watch(task);

        var result = Get<RealmInteger<long>>(task, "Views").Increment(2);

        Assert.Equal(["IncrementCounter(10, 2)"], accessor.Calls);
        Assert.Equal(2, result.Value);
        Assert.Empty(changes);
    }

    [Fact]
    public void ReadProperties_with_notify_raises_once_per_changed_property_after_all_fields_are_loaded()
    {
        var task = Create("TaskItem");
        Set(task, "Title", "same");
        var observedPriority = new List<object?>();
        task.PropertyChanged += (_, _) => observedPriority.Add(Get(task, "Priority"));
        var changes = Watch(task);
        var row = new DictionaryReader(new Dictionary<int, object?>
        {
            [0] = ObjectId.Empty, [1] = "same", [2] = 7L, [3] = 1L, [4] = DateTimeOffset.UnixEpoch, [5] = DateTime.UnixEpoch, [10] = 0L,
        });

        ((IGeneratedObject)task).ReadProperties(row, raiseChanged: true);

        Assert.Equal(["Priority", "Level", "Due", "Created"], changes);
        Assert.All(observedPriority, p => Assert.Equal(7, p));
        Assert.Equal(DateTimeOffset.UnixEpoch, Get(task, "Due"));
    }

    [Fact]
    public void ReadProperties_without_notify_loads_silently()
    {
        var task = Create("TaskItem");
        var changes = Watch(task);
        var row = new DictionaryReader(new Dictionary<int, object?> { [1] = "loaded", [2] = 1L, [3] = 2L, [5] = DateTime.UnixEpoch, [0] = ObjectId.Empty, [10] = 9L });

        ((IGeneratedObject)task).ReadProperties(row, raiseChanged: false);

        Assert.Empty(changes);
        Assert.Equal("loaded", Get(task, "Title"));
        Assert.Equal(9, Get<RealmInteger<long>>(task, "Views").Value);
    }

    [Fact]
    public void RaisePropertyChanged_raises_the_named_property()
    {
        var task = Create("TaskItem");
        var changes = Watch(task);

        ((IGeneratedObject)task).RaisePropertyChanged("Title");

        Assert.Equal(["Title"], changes);
    }
}
