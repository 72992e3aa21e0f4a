using SourceGenSync.Queries;

namespace SourceGenSync.Protocol.Tests.Queries;

/// <summary>Every error the parser reports: where it is and what the message says was expected and found.</summary>
public sealed class QueryParserErrorTests
{
    private static readonly QueryParserOptions Options = new()
    {
        MaxInValues = 3,
        ResolveVariable = name => name == "user.id" ? RealmValue.Create("u") : (RealmValue?)null,
    };

    [Theory]
    [InlineData("p = 1", 2, "Unexpected character '=' at 2: compare with '=='.")]
    [InlineData("p == 1 & q == 2", 7, "Unexpected character '&' at 7: write '&&' or AND.")]
    [InlineData("p == 1 | q == 2", 7, "Unexpected character '|' at 7: write '||' or OR.")]
    [InlineData("p == $", 5, "Unexpected character '$' at 5: '$' starts an argument ($0) or a variable ($user.id).")]
    [InlineData("p == @", 5, "Unexpected character '@' at 5: '@' starts @self, @count or @keys.")]
    [InlineData("p == 1 # c", 7, "Unexpected character '#' at 7.")]
    [InlineData("p == 1 é", 7, "Unexpected character U+00E9 at 7.")]
    [InlineData("a. == 1", 2, "Expected a property name after '.' at 2, found a space.")]
    [InlineData("p == $0abc", 7, "Unexpected character 'a' at 7 after the argument $0.")]
    [InlineData("p == 5abc", 6, "Unexpected character 'a' at 6 after the number 5.")]
    [InlineData("p == 1.", 6, "Unexpected character '.' at 6 after the number 1.")]
    [InlineData("p == 99999999999999999999", 5, "The number 99999999999999999999 at 5 does not fit in a 64-bit integer.")]
    [InlineData("p == 1e999", 5, "The number 1e999 at 5 is out of range for a double.")]
    [InlineData("p ==[ 'x'", 5, "Expected a modifier letter such as c after '[' at 5, found a space.")]
    [InlineData("p ==[c 'x'", 6, "Expected ']' to close the modifier '[c' at 6, found a space.")]
    [InlineData("p == 'abc", 5, "Unterminated string starting at 5: expected a closing ' before the end of the query.")]
    [InlineData("p == \"abc\\\"", 5, "Unterminated string starting at 5: expected a closing \" before the end of the query.")]
    [InlineData("p == 'a\\qb'", 7, "Unknown escape '\\q' at 7: a string may use \\\\ \\\" \\' \\n \\r \\t and \\uXXXX.")]
    [InlineData("p == 'a\\u12G4'", 11, "Expected 4 hex digits after '\\u' at 11, found 'G'.")]
    [InlineData("p == 'a\\u12", 11, "Expected 4 hex digits after '\\u' at 11, found end of query.")]
    [InlineData("p == '\\uD800'", 6, "Unpaired surrogate in a string at 6: a string must hold whole UTF-16 characters.")]
    [InlineData("p == '\\uDC00x'", 6, "Unpaired surrogate in a string at 6: a string must hold whole UTF-16 characters.")]
    [InlineData("p == '\\uD800\\u0041'", 6, "Unpaired surrogate in a string at 6: a string must hold whole UTF-16 characters.")]
    [InlineData("p == 'abc\\", 5, "Unterminated string starting at 5: expected a closing ' before the end of the query.")]
    [InlineData("p == 1 q == 2", 7, "Expected AND, OR or the end of the query at 7, found 'q'.")]
    [InlineData("(p == 1", 7, "Expected AND, OR or ')' at 7 (to close the '(' at 0), found end of query.")]
    [InlineData(")", 0, "Expected a predicate (a property, NOT, '(', SUBQUERY, TRUEPREDICATE or FALSEPREDICATE) at 0, found ')'.")]
    [InlineData("", 0, "Expected a predicate (a property, NOT, '(', SUBQUERY, TRUEPREDICATE or FALSEPREDICATE) at 0, found end of query.")]
    [InlineData("p == 1 AND", 10, "Expected a predicate (a property, NOT, '(', SUBQUERY, TRUEPREDICATE or FALSEPREDICATE) at 10, found end of query.")]
    [InlineData("SUBQUERY tags", 9, "Expected '(' after SUBQUERY at 9, found 'tags'.")]
    [InlineData("SUBQUERY(", 9, "Expected a collection property at 9, found end of query.")]
    [InlineData("SUBQUERY(tags.@count, $x, $x == 1).@count > 0", 9, "Expected a collection property at 9, found 'tags.@count'.")]
    [InlineData("SUBQUERY(tags $x", 14, "Expected ',' after the SUBQUERY collection at 14, found '$x'.")]
    [InlineData("SUBQUERY(tags, x, x == 1).@count > 0", 15, "Expected the SUBQUERY element variable (such as $x) at 15, found 'x'.")]
    [InlineData("SUBQUERY(tags, $0, x == 1).@count > 0", 15, "Expected the SUBQUERY element variable (such as $x) at 15, found '$0'.")]
    [InlineData("SUBQUERY(tags, $x $x == 1)", 18, "Expected ',' after the SUBQUERY element variable at 18, found '$x'.")]
    [InlineData("SUBQUERY(tags, $x, $x == 1", 26, "Expected ')' to end the SUBQUERY at 26, found end of query.")]
    [InlineData("SUBQUERY(tags, $x, $x == 1)", 27, "Expected '.@count' after 'SUBQUERY(…)' at 27, found end of query.")]
    [InlineData("SUBQUERY(tags, $x, $x == 1).count", 28, "Expected '@count' after 'SUBQUERY(…).' at 28, found 'count'.")]
    [InlineData("SUBQUERY(tags, $x, $x == 1).@count", 34, "Expected a comparison operator after 'SUBQUERY(…).@count' at 34, found end of query.")]
    [InlineData("SUBQUERY(tags, $x, $x == 1).@count > 'a'", 37, "SUBQUERY(…).@count must be compared with an integer at 37, found the string 'a' (String).")]
    [InlineData("SUBQUERY(tags, $x, $x == 1).@count > 2", 37, "SUBQUERY(…).@count at 37 can only test for some elements (> 0, >= 1, != 0) or none (== 0, < 1, <= 0).")]
    [InlineData("p.@count 5", 9, "Expected a comparison operator after 'p.@count' at 9, found '5'.")]
    [InlineData("p.@count == 'x'", 12, "@count must be compared with an integer at 12, found the string 'x' (String).")]
    [InlineData("p.@keys != 'x'", 8, "Expected '==' after 'p.@keys' at 8, found '!='.")]
    [InlineData("p.@keys == 5", 11, "@keys == needs a string value at 11, found '5' (Int).")]
    [InlineData("p <[c] 'x'", 3, "[c] at 3 applies to ==, !=, CONTAINS, BEGINSWITH, ENDSWITH and LIKE, not '<'.")]
    [InlineData("p CONTAINS[d] 'x'", 10, "Unknown modifier '[d]' at 10: only [c] (case-insensitive) is supported.")]
    [InlineData("p CONTAINS 5", 11, "CONTAINS needs a string value at 11, found '5' (Int).")]
    [InlineData("p ==[c] null", 8, "==[c] needs a string value at 8, found 'null' (Null).")]
    [InlineData("p TEXT 1.5", 7, "TEXT needs a string value at 7, found '1.5' (Double).")]
    [InlineData("p LIKE $0", 7, "LIKE needs a string value at 7, found '$0' (Int).")]
    [InlineData("p", 1, "Expected an operator after 'p' at 1, found end of query.")]
    [InlineData("p 5", 2, "Expected an operator after 'p' at 2, found '5'.")]
    [InlineData("p IN 1", 5, "Expected '{' after IN at 5, found '1'.")]
    [InlineData("p IN {1 2}", 8, "Expected ',' or '}' in the IN list at 8, found '2'.")]
    [InlineData("p IN {1,", 8, "Expected a value after ',' at 8, found end of query.")]
    [InlineData("p IN {1, 2, 3, 4}", 15, "Too many values in IN {…} at 15: the limit is 3.")]
    [InlineData("p >=", 4, "Expected a value after '>=' at 4, found end of query.")]
    [InlineData("p >= q", 5, "Expected a value after '>=' at 5, found 'q': comparing two properties is not supported.")]
    [InlineData("p == $2", 5, "$2 at 5 has no argument: the query has 2 arguments.")]
    [InlineData("p == $99999999999999999999", 5, "$99999999999999999999 at 5 has no argument: the query has 2 arguments.")]
    [InlineData("p == $user.name", 5, "The variable $user.name at 5 is not defined.")]
    [InlineData("SUBQUERY(tags, $x, name == $x).@count > 0", 27, "Expected a value after '==' at 27, found '$x': comparing with a property is not supported.")]
    [InlineData("SUBQUERY(tags, $x, name == $x.id).@count > 0", 27, "Expected a value after '==' at 27, found '$x.id': comparing with a property is not supported.")]
    [InlineData("p.@count.q == 1", 2, "'@count' at 2 must end the path.")]
    [InlineData("@size == 1", 0, "Unknown '@size' at 0: a path can start with @self only.")]
    [InlineData("@self.name == 1", 0, "@self at 0 cannot be followed by a property name: write the property path on its own.")]
    [InlineData("p.@size == 1", 2, "Unknown '@size' at 2: expected @count or @keys.")]
    [InlineData("SUBQUERY(a, $y, SUBQUERY(b, $x, $y.c == 1).@count > 0).@count > 0", 32, "$y at 32 is the element of an enclosing SUBQUERY: a SUBQUERY predicate can only use its own element $x.")]
    [InlineData("$user.id == 1", 0, "Expected a property at 0, found the variable $user.id: variables are values and go on the right of the operator.")]
    [InlineData("p == $user.@count", 5, "The variable $user.@count at 5 cannot use @count, @keys or @self: a variable is a value.")]
    public void Errors_name_the_position_what_was_expected_and_what_was_found(string text, int position, string message)
    {
        var error = Assert.Throws<QueryParseException>(() => QueryParser.Parse(text, [5L, "s"], Options));

        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Variables_without_a_resolver_are_an_error_naming_the_variable()
    {
        var error = Assert.Throws<QueryParseException>(() => QueryParser.Parse("owner == $user.id", []));

        Assert.Equal("The variable $user.id at 9 cannot be resolved: no variables are available here.", error.Message);
        Assert.Equal(9, error.Position);
    }

    [Fact]
    public void Argument_errors_count_the_arguments_in_singular_and_plural()
    {
        Assert.Equal("$0 at 5 has no argument: the query has 0 arguments.",
            Assert.Throws<QueryParseException>(() => QueryParser.Parse("p == $0", [])).Message);
        Assert.Equal("$1 at 5 has no argument: the query has 1 argument.",
            Assert.Throws<QueryParseException>(() => QueryParser.Parse("p == $1", [1L])).Message);
    }
}
