using System;
using System.Collections.Immutable;
using System.Globalization;

namespace SourceGenSync.Queries.Internal;

/// <summary>Predicates: a property path, an operator and its value(s).</summary>
internal sealed partial class QueryTextParser
{
    private enum PathSuffix
    {
        Count,
        Keys,
    }

    private Parsed ParsePredicate()
    {
        var pathToken = Take();
        var (path, suffix) = ResolvePath(pathToken);
        var shownPath = _tokens.Show(pathToken);
        switch (suffix)
        {
            case PathSuffix.Count:
                var countOp = TakeComparison($"a comparison operator after '{shownPath}'");
                return new Parsed(new CollectionCountNode(path, countOp.Operator, ParseInteger(countOp.Token, "@count")), 0);
            case PathSuffix.Keys:
                var equal = _current.Kind == QueryTokenKind.Equal ? Take() : throw Expected($"'==' after '{shownPath}'");
                return new Parsed(new DictionaryContainsKeyNode(path, ParseString(equal, "@keys ==")), 0);
        }

        if (ComparisonOf(_current.Kind) is not null)
        {
            return ParseComparison(path);
        }

        if (StringOperatorOf(_current) is { } stringOp)
        {
            var opToken = Take();
            var caseSensitive = !TakeCaseModifier();
            var value = ParseString(opToken, _tokens.Show(opToken).ToUpperInvariant());
            return new Parsed(new StringNode(path, stringOp, value, caseSensitive), 0);
        }

        if (_current.IsWord("IN"))
        {
            return new Parsed(new InNode(path, ParseInList()), 0);
        }

        if (_current.IsWord("TEXT"))
        {
            var text = Take();
            return new Parsed(new FullTextNode(path, ParseString(text, "TEXT")), 0);
        }

        throw Expected($"an operator after '{shownPath}'");
    }

    // `==` and `!=` compare any value; with [c] they become a case-insensitive string match (`!=[c]` is its NOT).
    private Parsed ParseComparison(PropertyPath path)
    {
        var op = TakeComparison("a comparison operator");
        if (_current.Kind != QueryTokenKind.Modifier)
        {
            return new Parsed(new ComparisonNode(path, op.Operator, ParseValue(op.Token)), 0);
        }

        var modifier = _current;
        TakeCaseModifier();
        if (op.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            throw new QueryParseException(
                $"[c] at {modifier.Position} applies to ==, !=, CONTAINS, BEGINSWITH, ENDSWITH and LIKE, not '{_tokens.Show(op.Token)}'.",
                modifier.Position);
        }

        var match = new StringNode(path, StringOperator.Equal, ParseString(op.Token, _tokens.Show(op.Token) + "[c]"), CaseSensitive: false);
        return op.Operator == ComparisonOperator.Equal ? new Parsed(match, 0) : new Parsed(new NotNode(match), 1);
    }

    private ImmutableArray<RealmValue> ParseInList()
    {
        Take();
        var previous = Expect(QueryTokenKind.LeftBrace, "'{' after IN");
        var values = ImmutableArray.CreateBuilder<RealmValue>();
        if (_current.Kind == QueryTokenKind.RightBrace)
        {
            Take();
            return values.ToImmutable();
        }

        while (true)
        {
            if (values.Count == _options.MaxInValues)
            {
                throw new QueryParseException(
                    $"Too many values in IN {{…}} at {_current.Position}: the limit is {_options.MaxInValues}.", _current.Position);
            }

            values.Add(ParseValue(previous));
            if (_current.Kind == QueryTokenKind.RightBrace)
            {
                Take();
                return values.ToImmutable();
            }

            previous = Expect(QueryTokenKind.Comma, "',' or '}' in the IN list");
        }
    }

    /// <summary>Reads an optional modifier; true for [c]. Other modifiers ([d] …) are not supported.</summary>
    private bool TakeCaseModifier()
    {
        if (_current.Kind != QueryTokenKind.Modifier)
        {
            return false;
        }

        var modifier = Take();
        return string.Equals(modifier.Text, "c", StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new QueryParseException(
                $"Unknown modifier '{_tokens.Show(modifier)}' at {modifier.Position}: only [c] (case-insensitive) is supported.",
                modifier.Position);
    }

    private (QueryToken Token, ComparisonOperator Operator) TakeComparison(string what) =>
        ComparisonOf(_current.Kind) is { } op ? (Take(), op) : throw Expected(what);

    private static ComparisonOperator? ComparisonOf(QueryTokenKind kind) => kind switch
    {
        QueryTokenKind.Equal => ComparisonOperator.Equal,
        QueryTokenKind.NotEqual => ComparisonOperator.NotEqual,
        QueryTokenKind.Less => ComparisonOperator.LessThan,
        QueryTokenKind.LessOrEqual => ComparisonOperator.LessThanOrEqual,
        QueryTokenKind.Greater => ComparisonOperator.GreaterThan,
        QueryTokenKind.GreaterOrEqual => ComparisonOperator.GreaterThanOrEqual,
        _ => null,
    };

    private static StringOperator? StringOperatorOf(QueryToken token) =>
        token.IsWord("CONTAINS") ? StringOperator.Contains
        : token.IsWord("BEGINSWITH") ? StringOperator.StartsWith
        : token.IsWord("ENDSWITH") ? StringOperator.EndsWith
        : token.IsWord("LIKE") ? StringOperator.Like
        : null;

    private string ParseString(QueryToken after, string operatorName)
    {
        var token = _current;
        var value = ParseValue(after);
        return value.Type == RealmValueType.String
            ? value.AsString()
            : throw new QueryParseException(
                $"{operatorName} needs a string value at {token.Position}, found {_tokens.Describe(token)} ({value.Type}).", token.Position);
    }

    private long ParseInteger(QueryToken after, string what)
    {
        var token = _current;
        var value = ParseValue(after);
        return value.Type == RealmValueType.Int
            ? value.AsInt64()
            : throw new QueryParseException(
                $"{what} must be compared with an integer at {token.Position}, found {_tokens.Describe(token)} ({value.Type}).",
                token.Position);
    }

    // value = "$" digits | "$" name { "." name } | true | false | null | number | string
    private RealmValue ParseValue(QueryToken after)
    {
        var token = _current;
        switch (token.Kind)
        {
            case QueryTokenKind.Argument:
                Take();
                return Argument(token);
            case QueryTokenKind.Integer or QueryTokenKind.Double or QueryTokenKind.String:
                Take();
                return token.Value;
            case QueryTokenKind.Path when token.Prefix == PathPrefix.Dollar:
                Take();
                return Variable(token, after);
            case QueryTokenKind.Path when token.IsWord("true"):
                Take();
                return true;
            case QueryTokenKind.Path when token.IsWord("false"):
                Take();
                return false;
            case QueryTokenKind.Path when token.IsWord("null"):
                Take();
                return RealmValue.Null;
        }

        var hint = token.Kind == QueryTokenKind.Path ? ": comparing two properties is not supported" : string.Empty;
        throw new QueryParseException(
            $"Expected a value after '{_tokens.Show(after)}' at {token.Position}, found {_tokens.Describe(token)}{hint}.", token.Position);
    }

    private RealmValue Argument(QueryToken token)
    {
        if (int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _arguments.Count)
        {
            return _arguments[index];
        }

        var count = _arguments.Count;
        throw new QueryParseException(
            $"{_tokens.Show(token)} at {token.Position} has no argument: the query has {count} argument{(count == 1 ? "" : "s")}.",
            token.Position);
    }

    private RealmValue Variable(QueryToken token, QueryToken after)
    {
        var segments = token.Segments!;
        if (Array.Exists(segments, s => s[0] == '@'))
        {
            throw new QueryParseException(
                $"The variable {_tokens.Show(token)} at {token.Position} cannot use @count, @keys or @self: a variable is a value.",
                token.Position);
        }

        if (_elements.Contains(segments[0]))
        {
            throw new QueryParseException(
                $"Expected a value after '{_tokens.Show(after)}' at {token.Position}, found {_tokens.Describe(token)}: "
                + "comparing with a property is not supported.", token.Position);
        }

        var name = string.Join('.', segments);
        if (_options.ResolveVariable is null)
        {
            throw new QueryParseException(
                $"The variable {_tokens.Show(token)} at {token.Position} cannot be resolved: no variables are available here.", token.Position);
        }

        return _options.ResolveVariable(name)
            ?? throw new QueryParseException($"The variable {_tokens.Show(token)} at {token.Position} is not defined.", token.Position);
    }

    // path = "@self" ["." "@count" | "." "@keys"]
    //      | "$" element { "." name } [...] | name { "." name } [...]   (the suffix only at the end)
    private (PropertyPath Path, PathSuffix? Suffix) ResolvePath(QueryToken token)
    {
        var segments = token.Segments!;
        var count = segments.Length;
        PathSuffix? suffix = null;
        var offset = token.Position + (token.Prefix == PathPrefix.None ? 0 : 1);
        for (var i = 1; i < segments.Length; i++)
        {
            offset += segments[i - 1].Length + 1;
            if (segments[i][0] != '@')
            {
                continue;
            }

            if (i != segments.Length - 1)
            {
                throw new QueryParseException($"'{QueryTokenizer.Shorten(segments[i])}' at {offset} must end the path.", offset);
            }

            suffix = SuffixOf(segments[i], offset);
            count--;
        }

        switch (token.Prefix)
        {
            case PathPrefix.At when !string.Equals(segments[0], "self", StringComparison.OrdinalIgnoreCase):
                throw new QueryParseException(
                    $"Unknown '@{QueryTokenizer.Shorten(segments[0])}' at {token.Position}: a path can start with @self only.", token.Position);
            case PathPrefix.At when count > 1:
                throw new QueryParseException(
                    $"@self at {token.Position} cannot be followed by a property name: write the property path on its own.", token.Position);
            case PathPrefix.At:
                return (PropertyPath.Empty, suffix);
            case PathPrefix.Dollar when _elements.Count > 0 && string.Equals(_elements[^1], segments[0], StringComparison.Ordinal):
                return (PropertyPath.Of(segments[1..count]), suffix);
            case PathPrefix.Dollar when _elements.Contains(segments[0]):
                throw new QueryParseException(
                    $"${QueryTokenizer.Shorten(segments[0])} at {token.Position} is the element of an enclosing SUBQUERY: a SUBQUERY predicate can only use "
                    + $"its own element ${QueryTokenizer.Shorten(_elements[^1])}.", token.Position);
            case PathPrefix.Dollar:
                throw new QueryParseException(
                    $"Expected a property at {token.Position}, found the variable {_tokens.Show(token)}: "
                    + "variables are values and go on the right of the operator.", token.Position);
            default:
                return (PropertyPath.Of(segments[..count]), suffix);
        }
    }

    private static PathSuffix SuffixOf(string segment, int position) =>
        string.Equals(segment, "@count", StringComparison.OrdinalIgnoreCase) ? PathSuffix.Count
        : string.Equals(segment, "@keys", StringComparison.OrdinalIgnoreCase) ? PathSuffix.Keys
        : throw new QueryParseException($"Unknown '{QueryTokenizer.Shorten(segment)}' at {position}: expected @count or @keys.", position);
}
