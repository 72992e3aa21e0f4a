using System;
using System.Collections.Immutable;
using System.Linq;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries;

public sealed class QueryTextTests
{
    private static readonly QueryNode A = new ComparisonNode(PropertyPath.Of("a"), ComparisonOperator.Equal, 1L);
    private static readonly QueryNode B = new ComparisonNode(PropertyPath.Of("b"), ComparisonOperator.Equal, 2L);
    private static readonly QueryNode C = new ComparisonNode(PropertyPath.Of("c"), ComparisonOperator.Equal, 3L);

    [Theory]
    [InlineData(ComparisonOperator.Equal, "x == $0")]
    [InlineData(ComparisonOperator.NotEqual, "x != $0")]
    [InlineData(ComparisonOperator.LessThan, "x < $0")]
    [InlineData(ComparisonOperator.LessThanOrEqual, "x <= $0")]
    [InlineData(ComparisonOperator.GreaterThan, "x > $0")]
    [InlineData(ComparisonOperator.GreaterThanOrEqual, "x >= $0")]
    public void Comparisons_use_their_symbol_and_carry_the_value_as_an_argument(ComparisonOperator op, string expected)
    {
        var formatted = QueryText.Format(new ComparisonNode(PropertyPath.Of("x"), op, "v"));

        Assert.Equal(expected, formatted.Text);
        Assert.Equal(new[] { RealmValue.Create("v") }, formatted.Arguments.ToArray());
    }

    [Theory]
    [InlineData(StringOperator.Equal, true, "t == $0")]
    [InlineData(StringOperator.Contains, false, "t CONTAINS[c] $0")]
    [InlineData(StringOperator.StartsWith, true, "t BEGINSWITH $0")]
    [InlineData(StringOperator.EndsWith, false, "t ENDSWITH[c] $0")]
    [InlineData(StringOperator.Like, true, "t LIKE $0")]
    public void String_matches_use_keywords_and_mark_case_insensitivity(StringOperator op, bool caseSensitive, string expected)
    {
        Assert.Equal(expected, QueryText.Format(new StringNode(PropertyPath.Of("t"), op, "x", caseSensitive)).Text);
    }

    [Fact]
    public void User_values_never_appear_in_the_text()
    {
        var hostile = "x' OR 1=1 --";

        var formatted = QueryText.Format(new StringNode(PropertyPath.Of("title"), StringOperator.Equal, hostile, true));

        Assert.DoesNotContain(hostile, formatted.Text, StringComparison.Ordinal);
        Assert.Equal(hostile, formatted.Arguments[0].AsString());
    }

    [Fact]
    public void Or_inside_And_is_parenthesized_and_And_inside_Or_is_not()
    {
        Assert.Equal("(a == $0 OR b == $1) AND c == $2", QueryText.Format(new AndNode(new OrNode(A, B), C)).Text);
        Assert.Equal("a == $0 AND b == $1 OR c == $2", QueryText.Format(new OrNode(new AndNode(A, B), C)).Text);
        Assert.Equal("a == $0 AND (b == $1 OR c == $2)", QueryText.Format(new AndNode(A, new OrNode(B, C))).Text);
    }

    [Fact]
    public void Chains_of_the_same_operator_need_no_parentheses()
    {
        Assert.Equal("a == $0 AND b == $1 AND c == $2", QueryText.Format(new AndNode(A, new AndNode(B, C))).Text);
        Assert.Equal("a == $0 OR b == $1 OR c == $2", QueryText.Format(new OrNode(new OrNode(A, B), C)).Text);
    }

    [Fact]
    public void Not_parenthesizes_compound_operands_only()
    {
        Assert.Equal("NOT a == $0", QueryText.Format(new NotNode(A)).Text);
        Assert.Equal("NOT (a == $0 AND b == $1)", QueryText.Format(new NotNode(new AndNode(A, B))).Text);
        Assert.Equal("NOT (a == $0 OR b == $1)", QueryText.Format(new NotNode(new OrNode(A, B))).Text);
    }

    [Fact]
    public void Arguments_are_numbered_in_text_order()
    {
        var formatted = QueryText.Format(new OrNode(new AndNode(A, B), C));

        Assert.Equal(new[] { RealmValue.Create(1L), RealmValue.Create(2L), RealmValue.Create(3L) }, formatted.Arguments.ToArray());
    }

    [Fact]
    public void In_lists_one_argument_per_value()
    {
        var node = new InNode(PropertyPath.Of("priority"), [1L, 2L, 3L]);

        var formatted = QueryText.Format(node);

        Assert.Equal("priority IN {$0, $1, $2}", formatted.Text);
        Assert.Equal(3, formatted.Arguments.Length);
    }

    [Fact]
    public void Collection_nodes_have_subquery_count_and_keys_forms()
    {
        var any = new CollectionAnyNode(PropertyPath.Of("tags"), new ComparisonNode(PropertyPath.Empty, ComparisonOperator.Equal, "red"));
        var count = new CollectionCountNode(PropertyPath.Of("tags"), ComparisonOperator.GreaterThan, 2);
        var key = new DictionaryContainsKeyNode(PropertyPath.Of("counts"), "k");

        Assert.Equal("SUBQUERY(tags, $x, @self == $0).@count > 0", QueryText.Format(any).Text);
        Assert.Equal("tags.@count > $0", QueryText.Format(count).Text);
        Assert.Equal(2L, QueryText.Format(count).Arguments[0].AsInt64());
        Assert.Equal("counts.@keys == $0", QueryText.Format(key).Text);
    }

    [Fact]
    public void TruePredicate_and_full_text_have_their_keywords()
    {
        Assert.Equal("TRUEPREDICATE", QueryText.Format(TruePredicate.Instance).Text);
        Assert.Equal("body TEXT $0", QueryText.Format(new FullTextNode(PropertyPath.Of("body"), "cat -dog")).Text);
    }

    [Fact]
    public void Node_ToString_is_the_text_form()
    {
        Assert.Equal("a == $0 AND b == $1", new AndNode(A, B).ToString());
    }

    [Fact]
    public void A_node_without_a_text_form_throws_NotSupportedException()
    {
        var error = Assert.Throws<NotSupportedException>(() => QueryText.Format(new UnknownNode()));

        Assert.Contains(nameof(UnknownNode), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void And_drops_TruePredicate_and_Or_with_TruePredicate_is_true()
    {
        Assert.Same(A, QueryNodes.And(TruePredicate.Instance, A));
        Assert.Same(A, QueryNodes.And(A, TruePredicate.Instance));
        Assert.Same(TruePredicate.Instance, QueryNodes.Or(A, TruePredicate.Instance));
        Assert.IsType<AndNode>(QueryNodes.And(A, B));
    }

    [Fact]
    public void Nodes_compare_structurally_including_In_value_arrays()
    {
        Assert.Equal(new AndNode(A, B), new AndNode(A, B));
        Assert.Equal(
            new InNode(PropertyPath.Of("p"), ImmutableArray.Create<RealmValue>(1L, 2L)),
            new InNode(PropertyPath.Of("p"), ImmutableArray.Create<RealmValue>(1L, 2L)));
        Assert.Equal(
            new InNode(PropertyPath.Of("p"), ImmutableArray.Create<RealmValue>(1L, 2L)).GetHashCode(),
            new InNode(PropertyPath.Of("p"), ImmutableArray.Create<RealmValue>(1L, 2L)).GetHashCode());
        Assert.NotEqual(
            new InNode(PropertyPath.Of("p"), ImmutableArray.Create<RealmValue>(1L, 2L)),
            new InNode(PropertyPath.Of("p"), ImmutableArray.Create<RealmValue>(2L, 1L)));
    }

    private sealed record UnknownNode : QueryNode;
}
