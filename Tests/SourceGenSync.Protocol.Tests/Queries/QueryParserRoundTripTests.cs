using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SourceGenSync.Queries;

namespace SourceGenSync.Protocol.Tests.Queries;

/// <summary>Everything <see cref="QueryText.Format"/> writes parses back to the same (canonical) tree.</summary>
public sealed class QueryParserRoundTripTests
{
    private static readonly PropertyPath P = PropertyPath.Of("p");
    private static readonly QueryNode A = new ComparisonNode(PropertyPath.Of("a"), ComparisonOperator.Equal, 1L);
    private static readonly QueryNode B = new ComparisonNode(PropertyPath.Of("b"), ComparisonOperator.Equal, 2L);
    private static readonly QueryNode C = new ComparisonNode(PropertyPath.Of("c"), ComparisonOperator.Equal, 3L);

    [Fact]
    public void Random_trees_parse_back_to_their_canonical_form_and_format_to_the_same_text()
    {
        var random = new RandomQueries(seed: 20261122);
        var seenNodes = new HashSet<Type>();
        var seenValues = new HashSet<RealmValueType>();
        for (var i = 0; i < 4000; i++)
        {
            var node = random.Node(maxHeight: 1 + (i % 6));
            var formatted = QueryText.Format(node);
            Collect(node, seenNodes);
            seenValues.UnionWith(formatted.Arguments.Select(a => a.Type));

            var parsed = QueryParser.Parse(formatted.Text, formatted.Arguments);

            var canonical = QueryCanonicalizer.Canonicalize(node);
            Assert.True(canonical.Equals(parsed), $"Tree {i}: {formatted.Text}");
            Assert.Equal(formatted.Text, QueryText.Format(parsed).Text);
            Assert.Equal(canonical, QueryCanonicalizer.Canonicalize(canonical));
        }

        Assert.Equal(11, seenNodes.Count);
        Assert.Equal(Enum.GetValues<RealmValueType>().Except([RealmValueType.Object]).Order(), seenValues.Order());
    }

    private static void Collect(QueryNode node, HashSet<Type> seen)
    {
        seen.Add(node.GetType());
        switch (node)
        {
            case AndNode and:
                Collect(and.Left, seen);
                Collect(and.Right, seen);
                break;
            case OrNode or:
                Collect(or.Left, seen);
                Collect(or.Right, seen);
                break;
            case NotNode not:
                Collect(not.Operand, seen);
                break;
            case CollectionAnyNode any:
                Collect(any.Predicate, seen);
                break;
        }
    }

    public static TheoryData<QueryNode> EveryNodeType() =>
    [
        TruePredicate.Instance,
        new ComparisonNode(P, ComparisonOperator.LessThanOrEqual, 5L),
        new ComparisonNode(PropertyPath.Of("a", "b", "c"), ComparisonOperator.NotEqual, RealmValue.Null),
        new StringNode(P, StringOperator.Contains, "x", CaseSensitive: true),
        new StringNode(P, StringOperator.StartsWith, "x", CaseSensitive: false),
        new StringNode(P, StringOperator.EndsWith, "x", CaseSensitive: true),
        new StringNode(P, StringOperator.Like, "a*?", CaseSensitive: false),
        new StringNode(P, StringOperator.Equal, "x", CaseSensitive: false),
        new FullTextNode(P, "quick fox"),
        new InNode(P, [1L, "two", RealmValue.Null]),
        new InNode(P, []),
        new AndNode(A, new OrNode(B, C)),
        new OrNode(new AndNode(A, B), C),
        new NotNode(new AndNode(A, B)),
        new NotNode(new NotNode(A)),
        new NotNode(TruePredicate.Instance),
        new CollectionAnyNode(PropertyPath.Of("tags"), new ComparisonNode(PropertyPath.Empty, ComparisonOperator.Equal, "x")),
        new CollectionAnyNode(PropertyPath.Of("items"),
            new CollectionAnyNode(PropertyPath.Of("parts"), new InNode(PropertyPath.Of("kind"), [1L, 2L]))),
        new CollectionAnyNode(PropertyPath.Of("lists"), new CollectionCountNode(PropertyPath.Empty, ComparisonOperator.GreaterThan, 2)),
        new CollectionCountNode(P, ComparisonOperator.GreaterThanOrEqual, 3),
        new DictionaryContainsKeyNode(P, "key"),
    ];

    [Theory]
    [MemberData(nameof(EveryNodeType))]
    public void Every_node_type_round_trips(QueryNode node)
    {
        var formatted = QueryText.Format(node);

        Assert.Equal(node, QueryParser.Parse(formatted.Text, formatted.Arguments));
    }

    [Fact]
    public void Case_sensitive_string_equality_canonicalizes_to_a_comparison()
    {
        var node = new StringNode(P, StringOperator.Equal, "x", CaseSensitive: true);
        var formatted = QueryText.Format(node);

        var parsed = QueryParser.Parse(formatted.Text, formatted.Arguments);

        Assert.Equal("p == $0", formatted.Text);
        Assert.Equal(new ComparisonNode(P, ComparisonOperator.Equal, "x"), parsed);
        Assert.Equal(parsed, QueryCanonicalizer.Canonicalize(node));
    }

    [Fact]
    public void Right_nested_chains_canonicalize_to_left_nested_ones()
    {
        var node = new AndNode(A, new AndNode(B, new OrNode(C, new OrNode(A, B))));
        var formatted = QueryText.Format(node);

        var parsed = QueryParser.Parse(formatted.Text, formatted.Arguments);

        var expected = new AndNode(new AndNode(A, B), new OrNode(new OrNode(C, A), B));
        Assert.Equal("a == $0 AND b == $1 AND (c == $2 OR a == $3 OR b == $4)", formatted.Text);
        Assert.Equal(expected, parsed);
        Assert.Equal(expected, QueryCanonicalizer.Canonicalize(node));
    }

    [Fact]
    public void Every_value_type_round_trips_as_an_argument()
    {
        var random = new RandomQueries(seed: 7);
        ImmutableArray<RealmValue> values = [.. random.Values(500), float.NaN, double.NegativeInfinity, 1.50m, Array.Empty<byte>(), ""];

        foreach (var value in values)
        {
            var parsed = QueryParser.Parse("p == $0", [value]);

            var comparison = Assert.IsType<ComparisonNode>(parsed);
            Assert.Equal(value.Type, comparison.Value.Type);
            Assert.Equal(value, comparison.Value);
        }
    }
}
