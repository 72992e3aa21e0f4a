using System;
using System.Collections.Generic;
using SourceGenSync.Queries;

namespace SourceGenSync.Protocol.Tests.Queries;

/// <summary>What people type beyond <see cref="QueryText.Format"/>'s output: literals, variables, spellings.</summary>
public sealed class QueryParserSyntaxTests
{
    private static readonly PropertyPath P = PropertyPath.Of("p");
    private static readonly QueryNode A = new ComparisonNode(PropertyPath.Of("a"), ComparisonOperator.Equal, 1L);
    private static readonly QueryNode B = new ComparisonNode(PropertyPath.Of("b"), ComparisonOperator.Equal, 2L);
    private static readonly QueryNode C = new ComparisonNode(PropertyPath.Of("c"), ComparisonOperator.Equal, 3L);

    private static QueryNode Parse(string text, params RealmValue[] arguments) => QueryParser.Parse(text, arguments);

    private static RealmValue ValueOf(string literal) =>
        Assert.IsType<ComparisonNode>(Parse("p == " + literal)).Value;

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void Boolean_literals_ignore_case(string literal, bool expected) => Assert.Equal(expected, ValueOf(literal));

    [Theory]
    [InlineData("null")]
    [InlineData("NULL")]
    public void Null_literal_is_a_null_check(string literal) =>
        Assert.Equal(new ComparisonNode(P, ComparisonOperator.Equal, RealmValue.Null), Parse("p == " + literal));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-17", -17L)]
    [InlineData("007", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integer_literals_are_64_bit(string literal, long expected)
    {
        var value = ValueOf(literal);

        Assert.Equal(RealmValueType.Int, value.Type);
        Assert.Equal(expected, value.AsInt64());
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("1e3", 1000.0)]
    [InlineData("2.5E-2", 0.025)]
    [InlineData("1e+2", 100.0)]
    public void Fractions_and_exponents_are_doubles(string literal, double expected)
    {
        var value = ValueOf(literal);

        Assert.Equal(RealmValueType.Double, value.Type);
        Assert.Equal(expected, value.AsDouble());
    }

    [Theory]
    [InlineData("'abc'", "abc")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("''", "")]
    [InlineData("'say \"hi\"'", "say \"hi\"")]
    [InlineData("\"it's\"", "it's")]
    [InlineData(@"'a\\b'", @"a\b")]
    [InlineData(@"'a\'b'", "a'b")]
    [InlineData(@"""a\""b""", "a\"b")]
    [InlineData(@"'\n\t\r'", "\n\t\r")]
    [InlineData(@"'\u00e9\u00C9'", "éÉ")]
    [InlineData(@"'\uD83D\uDE00'", "😀")]
    [InlineData("'😀 raw'", "😀 raw")]
    [InlineData("'two\nlines'", "two\nlines")]
    public void String_literals_take_either_quote_and_escapes(string literal, string expected)
    {
        var value = ValueOf(literal);

        Assert.Equal(RealmValueType.String, value.Type);
        Assert.Equal(expected, value.AsString());
    }

    [Fact]
    public void Literals_work_in_every_value_position()
    {
        Assert.Equal(new StringNode(P, StringOperator.Contains, "x", false), Parse("p CONTAINS[c] 'x'"));
        Assert.Equal(new InNode(P, [1L, 2.5, "s", true, RealmValue.Null]), Parse("p IN {1, 2.5, 's', true, null}"));
        Assert.Equal(new FullTextNode(P, "fox"), Parse("p TEXT 'fox'"));
        Assert.Equal(new CollectionCountNode(P, ComparisonOperator.LessThan, 4), Parse("p.@count < 4"));
        Assert.Equal(new DictionaryContainsKeyNode(P, "k"), Parse("p.@keys == \"k\""));
        Assert.Equal(new ComparisonNode(P, ComparisonOperator.GreaterThan, -3L), Parse("p>-3"));
    }

    [Fact]
    public void Keywords_ignore_case_and_have_symbol_forms()
    {
        var expected = new OrNode(new AndNode(A, new NotNode(B)), C);

        Assert.Equal(expected, Parse("a == 1 and not b == 2 or c == 3"));
        Assert.Equal(expected, Parse("a == 1 && !b == 2 || c == 3"));
        Assert.Equal(expected, Parse("a == 1 AnD NoT b == 2 Or c == 3"));
        Assert.Equal(new StringNode(P, StringOperator.StartsWith, "x", false), Parse("p beginswith[C] 'x'"));
        Assert.Equal(new StringNode(P, StringOperator.EndsWith, "x", true), Parse("p EndsWith 'x'"));
        Assert.Equal(new StringNode(P, StringOperator.Like, "x*", true), Parse("p like 'x*'"));
        Assert.Equal(new InNode(P, [1L]), Parse("p in {1}"));
        Assert.Equal(new FullTextNode(P, "x"), Parse("p text 'x'"));
        Assert.Equal(TruePredicate.Instance, Parse("truepredicate"));
        Assert.Equal(new CollectionCountNode(P, ComparisonOperator.Equal, 0), Parse("p.@COUNT == 0"));
    }

    [Fact]
    public void Precedence_is_not_then_and_then_or_and_parentheses_override_it()
    {
        Assert.Equal(new OrNode(A, new AndNode(B, C)), Parse("a == 1 OR b == 2 AND c == 3"));
        Assert.Equal(new AndNode(new OrNode(A, B), C), Parse("(a == 1 OR b == 2) AND c == 3"));
        Assert.Equal(new AndNode(new NotNode(A), B), Parse("NOT a == 1 AND b == 2"));
        Assert.Equal(new NotNode(new AndNode(A, B)), Parse("NOT (a == 1 AND b == 2)"));
        Assert.Equal(A, Parse("((( a == 1 )))"));
        Assert.Equal(new AndNode(new AndNode(A, B), C), Parse("a == 1 AND b == 2 AND c == 3"));
    }

    [Fact]
    public void Whitespace_is_optional_between_tokens()
    {
        Assert.Equal(new AndNode(A, B), Parse("(a==1)&&(b==2)"));
        Assert.Equal(new StringNode(P, StringOperator.Equal, "x", false), Parse("p==[c]'x'"));
        Assert.Equal(new InNode(P, [1L, 2L]), Parse("p IN{1,2}"));
        Assert.Equal(A, Parse(" \t\r\n a == 1 \n"));
    }

    [Fact]
    public void FALSEPREDICATE_is_not_TRUEPREDICATE()
    {
        Assert.Equal(new NotNode(TruePredicate.Instance), Parse("FALSEPREDICATE"));
        Assert.Equal(new NotNode(TruePredicate.Instance), Parse("falsepredicate"));
        Assert.Equal("NOT TRUEPREDICATE", QueryText.Format(Parse("FALSEPREDICATE")).Text);
    }

    [Fact]
    public void Case_insensitive_not_equal_is_the_negated_case_insensitive_match()
    {
        Assert.Equal(new NotNode(new StringNode(P, StringOperator.Equal, "x", false)), Parse("p !=[c] 'x'"));
    }

    [Fact]
    public void Arguments_can_repeat_and_need_not_all_be_used()
    {
        var parsed = Parse("a == $1 OR b == $1", "unused", 7L, "also unused");

        Assert.Equal(
            new OrNode(
                new ComparisonNode(PropertyPath.Of("a"), ComparisonOperator.Equal, 7L),
                new ComparisonNode(PropertyPath.Of("b"), ComparisonOperator.Equal, 7L)),
            parsed);
    }

    [Fact]
    public void Variables_resolve_through_the_options_by_their_dotted_name()
    {
        var asked = new List<string>();
        var options = new QueryParserOptions
        {
            ResolveVariable = name =>
            {
                asked.Add(name);
                return name switch
                {
                    "user.id" => (RealmValue?)RealmValue.Create("u1"),
                    "user.team" => RealmValue.Create(4L),
                    "now" => RealmValue.Null,
                    _ => null,
                };
            },
        };

        var parsed = QueryParser.Parse("owner == $user.id OR team IN {$user.team, 5} OR expires == $now", [], options);

        Assert.Equal(
            new OrNode(
                new OrNode(
                    new ComparisonNode(PropertyPath.Of("owner"), ComparisonOperator.Equal, "u1"),
                    new InNode(PropertyPath.Of("team"), [4L, 5L])),
                new ComparisonNode(PropertyPath.Of("expires"), ComparisonOperator.Equal, RealmValue.Null)),
            parsed);
        Assert.Equal(["user.id", "user.team", "now"], asked);
    }

    [Fact]
    public void Subquery_paths_may_use_the_element_variable_a_bare_name_or_self()
    {
        var tags = PropertyPath.Of("tags");
        var expected = new CollectionAnyNode(tags, new AndNode(
            new ComparisonNode(PropertyPath.Empty, ComparisonOperator.NotEqual, RealmValue.Null),
            new AndNode(
                new ComparisonNode(PropertyPath.Of("name"), ComparisonOperator.Equal, "n"),
                new ComparisonNode(PropertyPath.Of("owner", "id"), ComparisonOperator.Equal, 3L))));

        Assert.Equal(expected, Parse("SUBQUERY(tags, $t, $t != null AND ($t.name == 'n' AND $t.owner.id == 3)).@count > 0"));
        Assert.Equal(expected, Parse("SUBQUERY(tags, $x, @self != null AND (name == 'n' AND owner.id == 3)).@count > 0"));
        Assert.Equal(expected, Parse("subquery(tags,$x,$x!=null&&($x.name=='n'&&owner.id==3)).@COUNT>0"));
    }

    [Fact]
    public void Nested_subqueries_bind_the_innermost_element_and_may_reuse_the_name()
    {
        var expected = new CollectionAnyNode(PropertyPath.Of("items"),
            new CollectionAnyNode(PropertyPath.Of("parts"), new ComparisonNode(PropertyPath.Of("kind"), ComparisonOperator.Equal, 1L)));

        Assert.Equal(expected, Parse("SUBQUERY(items, $x, SUBQUERY($x.parts, $x, $x.kind == 1).@count > 0).@count > 0"));
        Assert.Equal(expected, Parse("SUBQUERY(items, $i, SUBQUERY(parts, $p, $p.kind == 1).@count > 0).@count > 0"));
        Assert.Equal(
            new CollectionAnyNode(PropertyPath.Of("lists"), new CollectionCountNode(PropertyPath.Empty, ComparisonOperator.Equal, 2)),
            Parse("SUBQUERY(lists, $l, $l.@count == 2).@count > 0"));
    }

    [Theory]
    [InlineData("> 0", true)]
    [InlineData(">= 1", true)]
    [InlineData("!= 0", true)]
    [InlineData("== 0", false)]
    [InlineData("< 1", false)]
    [InlineData("<= 0", false)]
    [InlineData("> $0", true)]
    public void Subquery_counts_mean_any_or_none(string comparison, bool any)
    {
        var node = new CollectionAnyNode(PropertyPath.Of("tags"), new ComparisonNode(PropertyPath.Empty, ComparisonOperator.Equal, "a"));

        var parsed = Parse($"SUBQUERY(tags, $x, $x == 'a').@count {comparison}", 0L);

        Assert.Equal(any ? node : new NotNode(node), parsed);
    }

    [Fact]
    public void Self_outside_a_subquery_is_the_empty_path_as_format_writes_it()
    {
        Assert.Equal(new ComparisonNode(PropertyPath.Empty, ComparisonOperator.Equal, 1L), Parse("@self == 1"));
        Assert.Equal(new CollectionCountNode(PropertyPath.Empty, ComparisonOperator.Equal, 1), Parse("@SELF.@count == 1"));
    }

    [Fact]
    public void Keywords_are_ordinary_property_names_where_no_keyword_can_stand()
    {
        Assert.Equal(new ComparisonNode(PropertyPath.Of("and"), ComparisonOperator.Equal, 1L), Parse("and == 1"));
        Assert.Equal(new FullTextNode(PropertyPath.Of("text"), "x"), Parse("text TEXT 'x'"));
        Assert.Equal(new InNode(PropertyPath.Of("in"), [1L]), Parse("in IN {1}"));
        Assert.Equal(new ComparisonNode(PropertyPath.Of("null"), ComparisonOperator.Equal, RealmValue.Null), Parse("null == null"));
        Assert.Equal(new ComparisonNode(PropertyPath.Of("not", "x"), ComparisonOperator.Equal, 1L), Parse("not.x == 1"));
        Assert.Equal(new ComparisonNode(PropertyPath.Of("a", "NOT"), ComparisonOperator.Equal, 1L), Parse("a.NOT == 1"));
    }

    [Fact]
    public void Identifiers_are_ascii_letters_digits_and_underscores()
    {
        Assert.Equal(
            new ComparisonNode(PropertyPath.Of("_a1", "B_2", "c"), ComparisonOperator.Equal, 1L),
            Parse("_a1.B_2.c == 1"));
        Assert.Throws<QueryParseException>(() => Parse("é == 1"));
        Assert.Throws<QueryParseException>(() => Parse("a-b == 1"));
        Assert.Throws<QueryParseException>(() => Parse("1a == 1"));
    }

    [Fact]
    public void The_examples_in_docs_queries_md_parse_as_documented()
    {
        static PropertyPath Path(params string[] segments) => PropertyPath.Of(segments);
        var options = new QueryParserOptions { ResolveVariable = name => name == "user.id" ? RealmValue.Create("u1") : (RealmValue?)null };

        Assert.Equal(
            new AndNode(
                new ComparisonNode(Path("priority"), ComparisonOperator.GreaterThanOrEqual, 3L),
                new StringNode(Path("title"), StringOperator.Contains, "milk", false)),
            Parse("priority >= $0 AND title CONTAINS[c] $1", 3L, "milk"));
        Assert.Equal(new OrNode(A, new AndNode(B, new NotNode(C))), Parse("a == 1 OR b == 2 AND NOT c == 3"));
        Assert.Equal(
            new AndNode(
                new ComparisonNode(Path("done"), ComparisonOperator.Equal, false),
                new OrNode(
                    new ComparisonNode(Path("owner"), ComparisonOperator.Equal, "u1"),
                    new ComparisonNode(Path("shared"), ComparisonOperator.Equal, true))),
            QueryParser.Parse("done == false && (owner == $user.id || shared == true)", [], options));
        Assert.Equal(
            new CollectionAnyNode(Path("tags"), new StringNode(PropertyPath.Empty, StringOperator.StartsWith, "urgent", true)),
            Parse("SUBQUERY(tags, $x, $x BEGINSWITH 'urgent').@count > 0"));
        Assert.Equal(
            new NotNode(new CollectionAnyNode(Path("items"), new AndNode(
                new ComparisonNode(Path("qty"), ComparisonOperator.GreaterThan, 5L),
                new ComparisonNode(Path("name"), ComparisonOperator.Equal, "x")))),
            Parse("SUBQUERY(items, $i, $i.qty > 5 AND name == \"x\").@count == 0"));
        Assert.Equal(
            new AndNode(
                new CollectionCountNode(Path("tags"), ComparisonOperator.GreaterThanOrEqual, 2),
                new DictionaryContainsKeyNode(Path("meta"), "color")),
            Parse("tags.@count >= 2 AND meta.@keys == 'color'"));
        Assert.Equal(new InNode(Path("status"), ["open", "blocked"]), Parse("status IN {'open', 'blocked'}"));
        Assert.Throws<QueryParseException>(() => Parse("p == 'it''s'"));
        Assert.Equal(
            "Expected a value after '>=' at 14, found end of query.",
            Assert.Throws<QueryParseException>(() => Parse("priority >=   ")).Message);
    }

    [Fact]
    public void The_exception_is_a_format_exception()
    {
        var error = Assert.ThrowsAny<FormatException>(() => Parse("p >= "));

        Assert.IsType<QueryParseException>(error);
    }
}
