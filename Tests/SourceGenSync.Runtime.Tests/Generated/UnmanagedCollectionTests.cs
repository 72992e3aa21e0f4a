using System;
using System.Linq;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Generated;

public sealed class UnmanagedCollectionTests
{
    [Fact]
    public void Primitive_list_is_the_same_live_instance_on_every_read()
    {
        var item = new TodoItem();

        item.Tags.Add("a");
        item.Tags.Add("b");
        item.Tags.Remove("a");

        Assert.Same(item.Tags, item.Tags);
        Assert.Equal(["b"], item.Tags);
    }

    [Fact]
    public void Dictionary_uses_ordinal_keys()
    {
        var item = new TodoItem();

        item.Counts["a"] = 1;
        item.Counts["A"] = 2;

        Assert.Equal(2, item.Counts.Count);
        Assert.Equal(1, item.Counts["a"]);
    }

    [Fact]
    public void Set_keeps_each_value_once()
    {
        var all = new AllTypes();
        var guid = Guid.NewGuid();

        Assert.True(all.Guids.Add(guid));
        Assert.False(all.Guids.Add(guid));

        Assert.Single(all.Guids);
    }

    [Fact]
    public void Collections_of_nullable_elements_accept_null()
    {
        var all = new AllTypes();

        all.MaybeStrings.Add(null);
        all.Attributes["none"] = RealmValue.Null;
        all.Numbers.Add(3);
        all.Scores["x"] = 0.5;

        Assert.Equal([null], all.MaybeStrings);
        Assert.True(all.Attributes["none"].IsNull);
        Assert.Equal([3], all.Numbers);
        Assert.Equal(0.5, all.Scores["x"]);
    }

    [Fact]
    public void Object_list_set_and_dictionary_hold_unmanaged_objects()
    {
        var project = new Project();
        var item = new TodoItem { Title = "one" };

        project.Items.Add(item);
        project.Starred.Add(item);
        project.Starred.Add(item);
        project.ByKey["k"] = item;
        project.ByKey["empty"] = null;
        project.Branches.Add(new Address { Street = "Main" });

        Assert.Same(item, Assert.Single(project.Items));
        Assert.Single(project.Starred);
        Assert.Same(item, project.ByKey["k"]);
        Assert.Null(project.ByKey["empty"]);
        Assert.Equal("Main", Assert.Single(project.Branches).Street);
    }

    [Fact]
    public void Embedded_object_is_set_like_a_link()
    {
        var project = new Project { Office = new Address { Street = "1 Loop", City = null } };

        Assert.Equal("1 Loop", project.Office!.Street);
        Assert.Null(project.Office.City);
    }

    [Fact]
    public void Backlinks_are_empty_while_unmanaged_even_when_objects_link_here()
    {
        var item = new TodoItem();
        _ = new Comment { Item = item };
        var project = new Project();
        item.Project = project;

        Assert.Empty(item.Comments);
        Assert.Empty(project.Todos);
        Assert.Equal(0, item.Comments.Count());
    }

    [Fact]
    public void Counter_Increment_on_an_unmanaged_object_adds_and_notifies()
    {
        var item = new TodoItem();
        var changes = new PropertyChangedRecorder(item);

        var afterOne = item.Views.Increment();
        var afterFive = item.Views.Increment(5);
        item.Views.Decrement();

        Assert.Equal(1L, afterOne.Value);
        Assert.Equal(6L, afterFive.Value);
        Assert.Equal(5L, item.Views.Value);
        Assert.Equal(["Views", "Views", "Views"], changes.Names);
    }

    [Fact]
    public void Counters_of_each_width_increment_independently()
    {
        var all = new AllTypes { IntCounter = 10, LongCounter = 100L };

        all.IntCounter.Increment(2);
        all.LongCounter.Decrement(50L);

        Assert.Equal(12, (int)all.IntCounter);
        Assert.Equal(50L, (long)all.LongCounter);
    }

    [Fact]
    public void A_counter_value_read_earlier_increments_the_property_not_a_copy()
    {
        var item = new TodoItem();
        var counter = item.Views;

        counter.Increment();
        counter.Increment();

        Assert.Equal(2L, item.Views.Value);
    }
}
