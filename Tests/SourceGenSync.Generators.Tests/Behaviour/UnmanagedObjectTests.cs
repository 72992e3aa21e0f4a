using System;
using System.Collections.Generic;
using System.Linq;
using static SourceGenSync.Generators.Tests.Behaviour.GeneratedAssembly;

namespace SourceGenSync.Generators.Tests.Behaviour;

/// <summary>Generated objects before they are added to a realm: plain, observable in-memory objects.</summary>
public sealed class UnmanagedObjectTests
{
    [Fact]
    public void Setter_raises_PropertyChanged_once_per_real_change()
    {
        var task = Create("TaskItem");
        var changes = Watch(task);

        Set(task, "Title", "a");
        Set(task, "Title", "a");
        Set(task, "Priority", 0);
        Set(task, "Title", "b");

        Assert.Equal(["Title", "Title"], changes);
        Assert.Equal("b", Get(task, "Title"));
    }

    [Fact]
    public void New_object_is_unmanaged_valid_and_has_non_null_required_values()
    {
        var task = Create("TaskItem");

        Assert.False(task.IsManaged);
        Assert.True(task.IsValid);
        Assert.Equal(string.Empty, Get(task, "Title"));
        Assert.Null(Get(task, "Due"));
        Assert.Null(Get(task, "Project"));
        Assert.Null(((Internal.IGeneratedObject)task).Accessor);
    }

    [Fact]
    public void Collections_are_created_once_and_keep_their_items()
    {
        var task = Create("TaskItem");

        var tags = Get<IList<string>>(task, "Tags");
        tags.Add("red");
        Get<IDictionary<string, int>>(task, "Counts")["a"] = 1;

        Assert.Same(tags, Get(task, "Tags"));
        Assert.Equal(["red"], Get<IList<string>>(task, "Tags"));
        Assert.Equal(1, Get<IDictionary<string, int>>(task, "Counts")["a"]);
        Assert.Empty(Get<ISet<Guid>>(task, "Watchers"));
    }

    [Fact]
    public void Backlinks_of_an_unmanaged_object_are_empty()
    {
        var task = Create("TaskItem");

        Assert.Empty(Get<IQueryable<object>>(task, "Notes").Cast<object>());
    }

    [Fact]
    public void Counter_increment_updates_the_value_and_notifies_only_for_a_real_change()
    {
        var task = Create("TaskItem");
        var changes = Watch(task);

        var afterIncrement = Get<RealmInteger<long>>(task, "Views").Increment(5);
        Get<RealmInteger<long>>(task, "Views").Increment(0);

        Assert.Equal(5, afterIncrement.Value);
        Assert.Equal(5, Get<RealmInteger<long>>(task, "Views").Value);
        Assert.Equal(["Views"], changes);
    }

    [Fact]
    public void Assigning_a_counter_sets_its_value()
    {
        var task = Create("TaskItem");

        Set(task, "Views", new RealmInteger<long>(42));

        Assert.Equal(42, Get<RealmInteger<long>>(task, "Views").Value);
    }

    [Fact]
    public void ConvertToUtc_policy_converts_local_times_and_marks_unspecified_ones_as_utc()
    {
        var task = Create("TaskItem");
        var local = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Local);

        Set(task, "Created", local);
        var storedLocal = Get<DateTime>(task, "Created");
        Set(task, "Created", new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Unspecified));
        var storedUnspecified = Get<DateTime>(task, "Created");

        Assert.Equal(DateTimeKind.Utc, storedLocal.Kind);
        Assert.Equal(local.ToUniversalTime(), storedLocal);
        Assert.Equal(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), storedUnspecified);
    }

    [Fact]
    public void Ignored_property_is_a_plain_property_outside_the_schema()
    {
        var task = Create("TaskItem");
        var changes = Watch(task);

        Set(task, "Draft", "notes");

        Assert.Equal("notes", Get(task, "Draft"));
        Assert.Empty(changes);
        Assert.DoesNotContain("Draft", PropertyNames(task.ObjectSchema));
    }

    [Fact]
    public void Enum_properties_round_trip()
    {
        var task = Create("TaskItem");
        var high = Enum.ToObject(Type("Level"), 2);

        Set(task, "Level", high);

        Assert.Equal(high, Get(task, "Level"));
    }
}
