using System;
using System.Linq;
using SourceGenSync.Runtime.Tests.Models;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Generated;

public sealed class UnmanagedObjectTests
{
    [Fact]
    public void A_new_object_is_unmanaged_valid_and_holds_defaults()
    {
        var item = new TodoItem();

        Assert.False(item.IsManaged);
        Assert.True(item.IsValid);
        Assert.Equal(ObjectId.Empty, item.Id);
        Assert.Equal(string.Empty, item.Title);
        Assert.Equal(0, item.Priority);
        Assert.Null(item.DueAt);
        Assert.Null(item.Project);
        Assert.Empty(item.Tags);
        Assert.Empty(item.Counts);
        Assert.Equal(0L, item.Views.Value);
        Assert.Same(TodoItem.Schema, item.ObjectSchema);
        Assert.Empty(new AllTypes().Data);
    }

    [Fact]
    public void Every_scalar_property_type_reads_back_what_was_set()
    {
        var id = ObjectId.GenerateNewId();
        var guid = Guid.NewGuid();
        var date = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(-3));
        var timestamp = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);

        var all = new AllTypes
        {
            Key = "k", Flag = true, Byte = 255, Short = -300, Int = int.MinValue, Long = long.MaxValue,
            Float = 1.25f, Double = -2.5, Decimal = 79228162514264337593543950335m, Text = "text", OptionalText = null,
            Data = [1, 2], OptionalData = [3], Date = date, Timestamp = timestamp, Guid = guid, ObjectId = id,
            Color = Color.Blue, Mixed = RealmValue.Create("mixed"), OptionalFlag = false, OptionalInt = 7,
            OptionalLong = null, OptionalDouble = 0.5, OptionalDecimal = 1.1m, OptionalDate = date, OptionalGuid = guid,
            OptionalObjectId = id, OptionalColor = Color.Green, IntCounter = 3, LongCounter = 4L,
        };

        Assert.Equal(("k", true, (byte)255, (short)-300, int.MinValue, long.MaxValue), (all.Key, all.Flag, all.Byte, all.Short, all.Int, all.Long));
        Assert.Equal((1.25f, -2.5, 79228162514264337593543950335m, "text"), (all.Float, all.Double, all.Decimal, all.Text));
        Assert.Null(all.OptionalText);
        Assert.Equal([1, 2], all.Data);
        Assert.Equal([3], all.OptionalData!);
        Assert.Equal(date.Offset, all.Date.Offset);
        Assert.Equal((date, timestamp, guid, id, Color.Blue), (all.Date, all.Timestamp, all.Guid, all.ObjectId, all.Color));
        Assert.Equal("mixed", all.Mixed.AsString());
        Assert.Equal((false, 7, (long?)null, 0.5, 1.1m), (all.OptionalFlag, all.OptionalInt, all.OptionalLong, all.OptionalDouble, all.OptionalDecimal));
        Assert.Equal((date, guid, id, Color.Green), (all.OptionalDate, all.OptionalGuid, all.OptionalObjectId, all.OptionalColor));
        Assert.Equal((3, 4L), (all.IntCounter.Value, all.LongCounter.Value));
    }

    [Fact]
    public void Setter_raises_PropertyChanged_once_per_real_change_and_not_for_the_same_value()
    {
        var item = new TodoItem();
        var changes = new PropertyChangedRecorder(item);

        item.Title = "milk";
        item.Title = "milk";
        item.Priority = 0;
        item.Priority = 2;
        item.DueAt = null;
        item.DueAt = DateTimeOffset.UnixEpoch;
        item.DueAt = null;

        Assert.Equal(["Title", "Priority", "DueAt", "DueAt"], changes.Names);
    }

    [Fact]
    public void Every_persisted_property_raises_PropertyChanged_with_its_own_name()
    {
        var all = new AllTypes();
        var changes = new PropertyChangedRecorder(all);

        all.Key = "k"; all.Flag = true; all.Byte = 1; all.Short = 1; all.Int = 1; all.Long = 1; all.Float = 1; all.Double = 1;
        all.Decimal = 1; all.Text = "t"; all.OptionalText = "t"; all.Data = [1]; all.OptionalData = [1];
        all.Date = DateTimeOffset.UnixEpoch; all.Timestamp = DateTime.UnixEpoch; all.Guid = Guid.NewGuid();
        all.ObjectId = ObjectId.GenerateNewId(); all.Color = Color.Red; all.Mixed = 1L; all.OptionalFlag = true;
        all.OptionalInt = 1; all.OptionalLong = 1; all.OptionalDouble = 1; all.OptionalDecimal = 1;
        all.OptionalDate = DateTimeOffset.UnixEpoch; all.OptionalGuid = Guid.NewGuid(); all.OptionalObjectId = ObjectId.GenerateNewId();
        all.OptionalColor = Color.Red; all.IntCounter = 1; all.LongCounter = 1L;

        var scalarNames = AllTypes.Schema.Properties.Where(static p => p.Collection == CollectionKind.None).Select(static p => p.Name);
        Assert.Equal(scalarNames, changes.Names);
    }

    [Fact]
    public void Setting_a_link_keeps_the_instance_and_notifies()
    {
        var item = new TodoItem();
        var project = new Project { Name = "Home" };
        var changes = new PropertyChangedRecorder(item);

        item.Project = project;
        item.Project = project;

        Assert.Same(project, item.Project);
        Assert.Equal(["Project"], changes.Names);
    }

    [Fact]
    public void A_DateTime_with_the_same_ticks_but_another_Kind_is_stored_as_written()
    {
        var all = new AllTypes { Timestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

        all.Timestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Local);

        Assert.Equal(DateTimeKind.Local, all.Timestamp.Kind);
    }

    [Fact]
    public void Ignored_properties_work_in_memory_and_are_not_in_the_schema()
    {
        var item = new TodoItem { Draft = "unsaved" };

        Assert.Equal("unsaved", item.Draft);
        Assert.False(TodoItem.Schema.TryFindProperty(nameof(TodoItem.Draft), out _));
    }

    [Fact]
    public void Schema_CreateInstance_returns_a_new_unmanaged_object_of_the_class()
    {
        var first = Project.Schema.CreateInstance();
        var second = Project.Schema.CreateInstance();

        Assert.IsType<Project>(first);
        Assert.NotSame(first, second);
        Assert.False(first.IsManaged);
    }
}
