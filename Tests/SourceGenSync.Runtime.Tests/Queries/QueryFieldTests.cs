using System;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries;

/// <summary>The field classes the generator instantiates, exercised directly (the generated surface is in Generated/).</summary>
public sealed class QueryFieldTests
{
    private static readonly ComparableField<Row, int> Priority = new(PropertyPath.Of("priority"), static v => (long)v);
    private static readonly StringField<Row> Title = new(PropertyPath.Of("title"));
    private static readonly BoolField<Row> Done = new(PropertyPath.Of("done"));
    private static readonly NullableBoolField<Row> Flag = new(PropertyPath.Of("flag"));

    [Fact]
    public void Between_is_an_inclusive_range()
    {
        Assert.Equal("priority >= $0 AND priority <= $1", Priority.Between(1, 5).Node.ToString());
    }

    [Fact]
    public void A_bool_field_is_a_filter_and_negates_to_false()
    {
        QueryFilter<Row> filter = Done;

        Assert.Equal(new ComparisonNode(PropertyPath.Of("done"), ComparisonOperator.Equal, true), filter.Node);
        Assert.Equal(new ComparisonNode(PropertyPath.Of("done"), ComparisonOperator.Equal, false), (!Done).Node);
    }

    [Fact]
    public void A_nullable_bool_field_compares_with_null_as_a_null_check()
    {
        var node = Assert.IsType<ComparisonNode>((Flag == null).Node);

        Assert.True(node.Value.IsNull);
        Assert.Equal(ComparisonOperator.Equal, node.Operator);
    }

    [Fact]
    public void String_methods_accept_a_StringComparison()
    {
        Assert.Equal("title BEGINSWITH[c] $0", Title.StartsWith("a", StringComparison.OrdinalIgnoreCase).Node.ToString());
        Assert.Equal("title ENDSWITH $0", Title.EndsWith("a", StringComparison.Ordinal).Node.ToString());
        Assert.Equal("title LIKE[c] $0", Title.Like("a*?", caseSensitive: false).Node.ToString());
        Assert.Equal("title ==[c] $0", Title.Equals("a", caseSensitive: false).Node.ToString());
        Assert.Throws<ArgumentNullException>(() => Title.Contains(null!));
    }

    [Fact]
    public void Full_text_fields_build_a_text_node()
    {
        var body = new FullTextStringField<Row>(PropertyPath.Of("body"));

        Assert.Equal(new FullTextNode(PropertyPath.Of("body"), "cat -dog"), body.MatchesAll("cat -dog").Node);
        Assert.Throws<ArgumentException>(() => body.MatchesAll("  "));
    }

    [Fact]
    public void The_default_filter_matches_everything_and_filters_compare_by_their_tree()
    {
        Assert.Same(TruePredicate.Instance, default(QueryFilter<Row>).Node);
        Assert.Equal(Priority > 1, Priority > 1);
        Assert.NotEqual(Priority > 1, Priority > 2);
        Assert.Equal((Priority > 1).GetHashCode(), (Priority > 1).GetHashCode());
    }

    [Fact]
    public void Negation_wraps_the_whole_operand()
    {
        Assert.Equal("NOT (priority > $0 OR done == $1)", (!(Priority > 1 | Done)).Node.ToString());
    }

    private sealed class Row;
}
