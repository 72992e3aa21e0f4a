using System;
using System.Linq;
using System.Linq.Expressions;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries;

public sealed class RealmQueryableTests
{
    private static readonly ComparableField<Row, int> Priority = new(PropertyPath.Of("priority"), static v => (long)v);

    [Fact]
    public void Where_appends_a_filter_marker_carrying_the_query_node()
    {
        var source = Array.Empty<Row>().AsQueryable();

        var query = RealmQueryable.Where(source, Priority >= 3);

        var call = Assert.IsAssignableFrom<MethodCallExpression>(query.Expression);
        Assert.True(RealmQueryable.IsFilterMarker(call.Method));
        Assert.False(RealmQueryable.IsSortMarker(call.Method));
        Assert.Same(source.Expression, call.Arguments[0]);
        var node = Assert.IsAssignableFrom<ConstantExpression>(call.Arguments[1]).Value;
        Assert.Equal((Priority >= 3).Node, node);
    }

    [Fact]
    public void OrderBy_and_ThenBy_append_sort_markers_with_direction()
    {
        var source = Array.Empty<Row>().AsQueryable();

        var query = RealmQueryable.ThenBy(RealmQueryable.OrderBy(source, Priority, ascending: true), Priority, ascending: false);

        var thenBy = Assert.IsAssignableFrom<MethodCallExpression>(query.Expression);
        Assert.True(RealmQueryable.IsSortMarker(thenBy.Method));
        Assert.Equal(new SortClause(PropertyPath.Of("priority"), Ascending: false), ((ConstantExpression)thenBy.Arguments[1]).Value);
        Assert.Equal(true, ((ConstantExpression)thenBy.Arguments[2]).Value);
        var orderBy = Assert.IsAssignableFrom<MethodCallExpression>(thenBy.Arguments[0]);
        Assert.Equal(false, ((ConstantExpression)orderBy.Arguments[2]).Value);
    }

    [Fact]
    public void Running_a_filter_on_LINQ_to_objects_throws_NotSupportedException_naming_the_filter()
    {
        var query = RealmQueryable.Where(new[] { new Row() }.AsQueryable(), Priority >= 3);

        var error = Assert.Throws<NotSupportedException>(() => query.ToList());

        Assert.Contains("priority >= $0", error.Message, StringComparison.Ordinal);
        Assert.Contains("realm.All<Row>()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_an_ordering_on_LINQ_to_objects_throws_NotSupportedException_naming_the_property()
    {
        var query = RealmQueryable.OrderBy(new[] { new Row() }.AsQueryable(), Priority, ascending: true);

        var error = Assert.Throws<NotSupportedException>(() => query.ToList());

        Assert.Contains("'priority'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_LINQ_methods_are_not_markers()
    {
        var query = Array.Empty<Row>().AsQueryable().Where(static r => r != null);

        var call = (MethodCallExpression)query.Expression;

        Assert.False(RealmQueryable.IsFilterMarker(call.Method));
        Assert.False(RealmQueryable.IsSortMarker(call.Method));
    }

    private sealed class Row;
}
