using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace SourceGenSync.Queries.Internal;

/// <summary>
/// Recursive descent over <see cref="QueryTokenizer"/> for the grammar in docs/queries.md. This half handles the
/// logical structure (OR, AND, NOT, parentheses, SUBQUERY) and the depth limit; the other half
/// (<c>QueryTextParser.Predicates.cs</c>) handles paths, operators and values.
/// </summary>
/// <remarks>
/// Every parse method gets the nesting depth of the construct it parses and returns the height of what it built;
/// depth + height never exceeds <see cref="QueryParserOptions.MaxDepth"/>. NOT, '(' and SUBQUERY check before they
/// recurse, so the parser's stack is bounded by the limit; AND/OR chains are loops, so their height is checked as
/// each term is added, which keeps the tree handed to the server as shallow as the text.
/// </remarks>
internal sealed partial class QueryTextParser
{
    private readonly QueryTokenizer _tokens;
    private readonly IReadOnlyList<RealmValue> _arguments;
    private readonly QueryParserOptions _options;

    // SUBQUERY element variables in scope, innermost last.
    private readonly List<string> _elements = [];
    private QueryToken _current;

    private QueryTextParser(string text, IReadOnlyList<RealmValue> arguments, QueryParserOptions options)
    {
        _tokens = new QueryTokenizer(text);
        _arguments = arguments;
        _options = options;
        _current = _tokens.Next();
    }

    public static QueryNode Parse(string text, IReadOnlyList<RealmValue> arguments, QueryParserOptions options)
    {
        var parser = new QueryTextParser(text, arguments, options);
        var result = parser.ParseOr(depth: 0);
        if (parser._current.Kind != QueryTokenKind.End)
        {
            throw parser.Expected("AND, OR or the end of the query");
        }

        return result.Node;
    }

    private readonly record struct Parsed(QueryNode Node, int Height);

    private Parsed ParseOr(int depth)
    {
        var left = ParseAnd(depth);
        while (_current.Kind == QueryTokenKind.OrSymbol || _current.IsWord("OR"))
        {
            var op = Take();
            var right = ParseAnd(depth);
            left = Checked(new OrNode(left.Node, right.Node), Math.Max(left.Height, right.Height) + 1, depth, op);
        }

        return left;
    }

    private Parsed ParseAnd(int depth)
    {
        var left = ParseUnary(depth);
        while (_current.Kind == QueryTokenKind.AndSymbol || _current.IsWord("AND"))
        {
            var op = Take();
            var right = ParseUnary(depth);
            left = Checked(new AndNode(left.Node, right.Node), Math.Max(left.Height, right.Height) + 1, depth, op);
        }

        return left;
    }

    private Parsed ParseUnary(int depth)
    {
        if (_current.Kind != QueryTokenKind.NotSymbol && !_current.IsWord("NOT"))
        {
            return ParsePrimary(depth);
        }

        Enter(depth, Take());
        var operand = ParseUnary(depth + 1);
        return new Parsed(new NotNode(operand.Node), operand.Height + 1);
    }

    private Parsed ParsePrimary(int depth)
    {
        if (_current.Kind == QueryTokenKind.LeftParen)
        {
            var open = Take();
            Enter(depth, open);
            var inner = ParseOr(depth + 1);
            if (_current.Kind != QueryTokenKind.RightParen)
            {
                throw Expected("AND, OR or ')'", $" (to close the '(' at {open.Position})");
            }

            Take();
            return new Parsed(inner.Node, inner.Height + 1);
        }

        if (_current.IsWord("TRUEPREDICATE"))
        {
            Take();
            return new Parsed(TruePredicate.Instance, 0);
        }

        if (_current.IsWord("FALSEPREDICATE"))
        {
            // There is no false node: NOT TRUEPREDICATE is what FALSEPREDICATE means, and what it formats back to.
            var keyword = Take();
            return Checked(new NotNode(TruePredicate.Instance), 1, depth, keyword);
        }

        if (_current.IsWord("SUBQUERY"))
        {
            return ParseSubquery(depth);
        }

        if (_current.Kind == QueryTokenKind.Path)
        {
            var start = _current;
            var predicate = ParsePredicate();
            return Checked(predicate.Node, predicate.Height, depth, start);
        }

        throw Expected("a predicate (a property, NOT, '(', SUBQUERY, TRUEPREDICATE or FALSEPREDICATE)");
    }

    // SUBQUERY(collection, $x, predicate).@count > 0 — the only SUBQUERY counts the AST can hold are "any" and
    // "none", so the comparison must be one that means "at least one" or "zero" (docs/queries.md).
    private Parsed ParseSubquery(int depth)
    {
        var keyword = Take();
        Enter(depth, keyword);
        Expect(QueryTokenKind.LeftParen, "'(' after SUBQUERY");
        if (_current.Kind != QueryTokenKind.Path)
        {
            throw Expected("a collection property");
        }

        var collectionToken = Take();
        var (collection, suffix) = ResolvePath(collectionToken);
        if (suffix is not null)
        {
            throw new QueryParseException(
                $"Expected a collection property at {collectionToken.Position}, found '{_tokens.Show(collectionToken)}'.",
                collectionToken.Position);
        }

        Expect(QueryTokenKind.Comma, "',' after the SUBQUERY collection");
        if (_current.Kind != QueryTokenKind.Path || _current.Prefix != PathPrefix.Dollar || _current.Segments!.Length != 1)
        {
            throw Expected("the SUBQUERY element variable (such as $x)");
        }

        _elements.Add(Take().Segments![0]);
        Expect(QueryTokenKind.Comma, "',' after the SUBQUERY element variable");
        var predicate = ParseOr(depth + 1);
        _elements.RemoveAt(_elements.Count - 1);
        Expect(QueryTokenKind.RightParen, "')' to end the SUBQUERY");
        Expect(QueryTokenKind.Dot, "'.@count' after 'SUBQUERY(…)'");
        if (_current.Kind != QueryTokenKind.Path || _current.Prefix != PathPrefix.At || _current.Segments!.Length != 1 ||
            !string.Equals(_current.Segments[0], "count", StringComparison.OrdinalIgnoreCase))
        {
            throw Expected("'@count' after 'SUBQUERY(…).'");
        }

        Take();
        var op = TakeComparison("a comparison operator after 'SUBQUERY(…).@count'");
        var countToken = _current;
        var count = ParseInteger(op.Token, "SUBQUERY(…).@count");
        bool? any = (op.Operator, count) switch
        {
            (ComparisonOperator.GreaterThan, 0) or (ComparisonOperator.GreaterThanOrEqual, 1) or (ComparisonOperator.NotEqual, 0) => true,
            (ComparisonOperator.Equal, 0) or (ComparisonOperator.LessThan, 1) or (ComparisonOperator.LessThanOrEqual, 0) => false,
            _ => null,
        };
        if (any is null)
        {
            throw new QueryParseException(
                $"SUBQUERY(…).@count at {countToken.Position} can only test for some elements (> 0, >= 1, != 0) or none (== 0, < 1, <= 0).",
                countToken.Position);
        }

        var node = new CollectionAnyNode(collection, predicate.Node);
        return any.Value
            ? Checked(node, predicate.Height + 1, depth, keyword)
            : Checked(new NotNode(node), predicate.Height + 2, depth, keyword);
    }

    private void Enter(int depth, QueryToken at)
    {
        if (depth + 1 > _options.MaxDepth)
        {
            throw TooDeep(at);
        }

        // A caller may raise MaxDepth past what the thread's stack holds; fail as a parse error, not a crash.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new QueryParseException($"The query is nested too deeply for this thread's stack at {at.Position}.", at.Position);
        }
    }

    private Parsed Checked(QueryNode node, int height, int depth, QueryToken at) =>
        depth + height > _options.MaxDepth ? throw TooDeep(at) : new Parsed(node, height);

    private QueryParseException TooDeep(QueryToken at) =>
        new($"The query nests deeper than {_options.MaxDepth} levels at {at.Position} ('{_tokens.Show(at)}'): "
            + "each parenthesis, NOT, AND, OR and SUBQUERY is one level.", at.Position);

    private QueryToken Take()
    {
        var token = _current;
        _current = _tokens.Next();
        return token;
    }

    private QueryToken Expect(QueryTokenKind kind, string what) =>
        _current.Kind == kind ? Take() : throw Expected(what);

    private QueryParseException Expected(string what, string note = "") =>
        new($"Expected {what} at {_current.Position}{note}, found {_tokens.Describe(_current)}.", _current.Position);
}
