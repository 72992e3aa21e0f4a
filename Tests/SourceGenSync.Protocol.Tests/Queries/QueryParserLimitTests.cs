using System;
using System.Linq;
using System.Text;
using System.Threading;
using SourceGenSync.Queries;

namespace SourceGenSync.Protocol.Tests.Queries;

/// <summary>Hostile input: the parser refuses it with a <see cref="QueryParseException"/>, quickly, without overflowing.</summary>
public sealed class QueryParserLimitTests
{
    private static readonly QueryParserOptions Unbounded = new() { MaxLength = int.MaxValue };

    private static QueryParseException Refused(string text, QueryParserOptions? options = null) =>
        Assert.Throws<QueryParseException>(() => QueryParser.Parse(text, [1L], options));

    [Fact]
    public void Text_over_the_length_limit_is_refused_before_it_is_read()
    {
        // Unterminated garbage: the message proves the length check came first.
        var error = Refused("'" + new string('\0', 10_000_000));

        Assert.Equal("The query is 10000001 characters long; the limit is 16384.", error.Message);
        Assert.Equal(16384, error.Position);
    }

    [Fact]
    public void Text_at_the_length_limit_is_read()
    {
        var text = "p == '" + new string('a', 16384 - 7) + "'";

        var parsed = Assert.IsType<ComparisonNode>(QueryParser.Parse(text, []));

        Assert.Equal(16384 - 7, parsed.Value.AsString().Length);
        Assert.Throws<QueryParseException>(() => QueryParser.Parse(text + " ", [], new QueryParserOptions { MaxLength = 16383 }));
    }

    [Fact]
    public void Deep_parentheses_are_refused_at_the_first_level_over_the_limit()
    {
        var text = new string('(', 100_000) + "a == $0" + new string(')', 100_000);

        var error = Refused(text, Unbounded);

        Assert.Equal(32, error.Position);
        Assert.Equal("The query nests deeper than 32 levels at 32 ('('): each parenthesis, NOT, AND, OR and SUBQUERY is one level.", error.Message);
        Assert.Equal(new ComparisonNode(PropertyPath.Of("a"), ComparisonOperator.Equal, 1L),
            QueryParser.Parse(new string('(', 32) + "a == $0" + new string(')', 32), [1L]));
    }

    [Theory]
    [InlineData("NOT ")]
    [InlineData("not ")]
    [InlineData("!")]
    public void Deep_negation_is_refused(string not)
    {
        var text = string.Concat(Enumerable.Repeat(not, 100_000)) + "a == $0";

        var error = Refused(text, Unbounded);

        Assert.Equal(32 * not.Length, error.Position);
        Assert.IsType<NotNode>(QueryParser.Parse(string.Concat(Enumerable.Repeat(not, 32)) + "a == $0", [1L]));
    }

    [Fact]
    public void Long_and_or_chains_count_one_level_per_operator()
    {
        string Chain(int terms, string op) => string.Join(op, Enumerable.Repeat("a == $0", terms));

        QueryParser.Parse(Chain(33, " AND "), [1L]);
        QueryParser.Parse(Chain(33, " || "), [1L]);
        var error = Refused(Chain(100_000, " OR "), Unbounded);
        Assert.Equal(32 * "a == $0 OR ".Length + "a == $0 ".Length, error.Position);
        Assert.StartsWith("The query nests deeper than 32 levels at", error.Message);
        Assert.Contains("('OR')", error.Message);
    }

    [Fact]
    public void Nesting_counts_across_parentheses_not_and_or_and_subquery()
    {
        // 8 levels each from parentheses, NOT, SUBQUERY and an AND chain: exactly 32 with the AND, 33 with one more.
        string Query(int andTerms) =>
            new string('(', 8) + string.Concat(Enumerable.Repeat("NOT ", 8))
            + string.Concat(Enumerable.Repeat("SUBQUERY(c, $x, ", 8))
            + string.Join(" AND ", Enumerable.Repeat("a == $0", andTerms))
            + string.Concat(Enumerable.Repeat(").@count > 0", 8)) + new string(')', 8);

        QueryParser.Parse(Query(9), [1L]);
        var error = Refused(Query(10));
        Assert.StartsWith("The query nests deeper than 32 levels", error.Message);
        QueryParser.Parse(Query(2), [1L], new QueryParserOptions { MaxDepth = 25 });
        Assert.Throws<QueryParseException>(() => QueryParser.Parse(Query(2), [1L], new QueryParserOptions { MaxDepth = 24 }));
    }

    [Fact]
    public void Subquery_nesting_is_bounded()
    {
        var text = string.Concat(Enumerable.Repeat("SUBQUERY(c, $x, ", 10_000)) + "a == $0";

        Assert.Equal(32 * "SUBQUERY(c, $x, ".Length, Refused(text, Unbounded).Position);
    }

    [Fact]
    public void A_depth_limit_beyond_the_stack_fails_as_a_parse_error_not_a_crash()
    {
        var text = new string('(', 1_000_000) + "a == $0" + new string(')', 1_000_000);
        var options = new QueryParserOptions { MaxLength = int.MaxValue, MaxDepth = int.MaxValue };
        Exception? caught = null;

        var thread = new Thread(() => caught = Record.Exception(() => QueryParser.Parse(text, [1L], options)), maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();

        var error = Assert.IsType<QueryParseException>(caught);
        Assert.StartsWith("The query is nested too deeply for this thread's stack", error.Message);
    }

    [Fact]
    public void Long_in_lists_stop_at_the_limit()
    {
        var text = "p IN {" + string.Join(",", Enumerable.Repeat("1", 5000)) + "}";

        var error = Refused(text);

        Assert.Equal("p IN {".Length + 1000 * 2, error.Position);
        Assert.Equal(1000, Assert.IsType<InNode>(QueryParser.Parse("p IN {" + string.Join(",", Enumerable.Repeat("1", 1000)) + "}", [])).Values.Length);
    }

    [Fact]
    public void Options_and_arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => QueryParser.Parse(null!, []));
        Assert.Throws<ArgumentNullException>(() => QueryParser.Parse("p == 1", null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => QueryParser.Parse("p == 1", [], new QueryParserOptions { MaxDepth = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => QueryParser.Parse("p == 1", [], new QueryParserOptions { MaxLength = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => QueryParser.Parse("p == 1", [], new QueryParserOptions { MaxInValues = -1 }));
        Assert.Equal("Too many values in IN {…} at 6: the limit is 0.",
            Refused("p IN {1}", new QueryParserOptions { MaxInValues = 0 }).Message);
    }

    [Fact]
    public void Messages_stay_short_when_names_and_literals_are_huge()
    {
        var name = new string('a', 8000);
        string[] texts =
        [
            "p == $" + name,
            "p.@" + name + " == 1",
            "@" + name + " == 1",
            "p == '" + name,
            "p == " + name,
            name + " " + name,
            $"SUBQUERY(c, ${name}, SUBQUERY(d, $x, ${name}.e == 1).@count > 0).@count > 0",
            $"SUBQUERY(c, $x, x == ${name}.e).@count > 0",
            "p == $" + new string('9', 8000),
            "p == " + new string('9', 8000),
            "p ==[" + name + "] 'x'",
        ];

        foreach (var text in texts)
        {
            Assert.InRange(Refused(text).Message.Length, 1, 300);
        }
    }

    [Theory]
    [InlineData("p == $99999999999999999999")]
    [InlineData("p == $2147483648")]
    [InlineData("p == $-1")]
    [InlineData("p == 'unterminated")]
    [InlineData("p == 'bad \\x escape'")]
    [InlineData("p == '\\u'")]
    [InlineData("p == \0")]
    [InlineData("\uFEFFp == 1")]
    [InlineData("p\u00A0== 1")]
    [InlineData("p == 1\u2028")]
    [InlineData("p == 123456789012345678901234567890")]
    [InlineData("p == -")]
    [InlineData("SUBQUERY(")]
    [InlineData("SUBQUERY(SUBQUERY(c, $x, a == 1).@count > 0, $x, a == 1).@count > 0")]
    [InlineData("p IN {{}}")]
    [InlineData("p[c] == 'x'")]
    [InlineData("p == [c]")]
    [InlineData("p.. == 1")]
    [InlineData("$ == 1")]
    [InlineData("@ == 1")]
    [InlineData("p === 1")]
    [InlineData("p =! 1")]
    public void Malformed_input_is_a_parse_error(string text) => Refused(text);

    [Fact]
    public void Random_garbage_and_mutated_queries_only_ever_fail_as_parse_errors()
    {
        var random = new Random(12345);
        var queries = new RandomQueries(seed: 99);
        const string alphabet = "()[]{}$@.,'\"\\=!<>&|#-+*/ \t\n0123456789abcxyzANDORNOTINTEXTSUBQUERY@count@keys@self\0\u00e9\uD800";
        for (var i = 0; i < 20_000; i++)
        {
            string text;
            if (i % 2 == 0)
            {
                var builder = new StringBuilder();
                for (var n = random.Next(40); n > 0; n--)
                {
                    builder.Append(alphabet[random.Next(alphabet.Length)]);
                }

                text = builder.ToString();
            }
            else
            {
                var chars = QueryText.Format(queries.Node(maxHeight: 3)).Text.ToCharArray().ToList();
                for (var edits = 1 + random.Next(3); edits > 0 && chars.Count > 0; edits--)
                {
                    var at = random.Next(chars.Count);
                    switch (random.Next(3))
                    {
                        case 0: chars.RemoveAt(at); break;
                        case 1: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                        default: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                    }
                }

                text = new string([.. chars]);
            }

            var exception = Record.Exception(() => QueryParser.Parse(text, [1L, "s", RealmValue.Null]));

            if (exception is not null)
            {
                var error = Assert.IsType<QueryParseException>(exception);
                Assert.InRange(error.Position, 0, text.Length);
            }
        }
    }
}
