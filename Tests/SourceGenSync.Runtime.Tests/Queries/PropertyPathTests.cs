using System;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries;

public sealed class PropertyPathTests
{
    [Fact]
    public void ToString_joins_segments_with_dots_and_names_the_empty_path_self()
    {
        Assert.Equal("project.owner.name", PropertyPath.Of("project", "owner", "name").ToString());
        Assert.Equal("@self", PropertyPath.Empty.ToString());
        Assert.True(PropertyPath.Empty.IsEmpty);
        Assert.False(PropertyPath.Of("a").IsEmpty);
    }

    [Fact]
    public void Append_returns_a_new_path_and_leaves_the_prefix_unchanged()
    {
        var project = PropertyPath.Of("project");

        var name = project.Append("name");

        Assert.Equal(["project"], project.Segments);
        Assert.Equal(["project", "name"], name.Segments);
        Assert.Equal(PropertyPath.Of("x"), PropertyPath.Empty.Append("x"));
    }

    [Fact]
    public void Of_copies_its_input_so_later_changes_to_the_array_do_not_leak_in()
    {
        string[] segments = ["a", "b"];

        var path = PropertyPath.Of(segments);
        segments[0] = "changed";

        Assert.Equal("a.b", path.ToString());
    }

    [Fact]
    public void Paths_with_the_same_segments_are_equal_and_hash_alike()
    {
        var a = PropertyPath.Of("project", "name");
        var b = PropertyPath.Of("project").Append("name");

        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, PropertyPath.Of("project", "Name"));
        Assert.NotEqual(a, PropertyPath.Of("project"));
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void Empty_or_null_segments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PropertyPath.Of("a", ""));
        Assert.Throws<ArgumentException>(() => PropertyPath.Of("a", null!));
        Assert.Throws<ArgumentException>(() => PropertyPath.Of("a").Append(""));
        Assert.Throws<ArgumentNullException>(() => PropertyPath.Of(null!));
    }
}
