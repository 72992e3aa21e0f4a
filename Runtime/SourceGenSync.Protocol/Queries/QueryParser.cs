using System;
using System.Collections.Generic;
using SourceGenSync.Queries.Internal;

namespace SourceGenSync.Queries;

/// <summary>
/// Parses the documented query text form (docs/queries.md) back into a <see cref="QueryNode"/>: everything
/// <see cref="QueryText.Format"/> writes, plus literals, variables and the usual spellings people type in rules.
/// Built for untrusted input: length, nesting and list sizes are bounded by <see cref="QueryParserOptions"/> and
/// every failure is a <see cref="QueryParseException"/> with the position and what was expected.
/// </summary>
public static class QueryParser
{
    /// <param name="text">The query text, e.g. <c>priority &gt;= $0 AND title CONTAINS[c] $1</c>.</param>
    /// <param name="arguments">The values of <c>$0</c>, <c>$1</c>, …; unused arguments are allowed.</param>
    /// <param name="options">Limits and variables; <see cref="QueryParserOptions.Default"/> when null.</param>
    public static QueryNode Parse(string text, IReadOnlyList<RealmValue> arguments, QueryParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= QueryParserOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxLength, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDepth, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxInValues, nameof(options));

        // Refused before tokenizing, so an oversized text costs nothing but this comparison.
        if (text.Length > options.MaxLength)
        {
            throw new QueryParseException(
                $"The query is {text.Length} characters long; the limit is {options.MaxLength}.", options.MaxLength);
        }

        return QueryTextParser.Parse(text, arguments, options);
    }
}
