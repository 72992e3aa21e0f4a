using System;

namespace SourceGenSync.Queries;

/// <summary>
/// The query text is not in the documented text form (docs/queries.md), or it exceeds a limit of
/// <see cref="QueryParserOptions"/>. The message says what was expected, where, and what was found, so a server can
/// send it back to the client or print it for the admin who wrote a rule.
/// </summary>
public sealed class QueryParseException : FormatException
{
    public QueryParseException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The 0-based character offset in the query text where the problem is (its length at the end).</summary>
    public int Position { get; }
}
