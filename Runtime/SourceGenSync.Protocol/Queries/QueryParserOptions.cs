using System;

namespace SourceGenSync.Queries;

/// <summary>
/// Limits and variables for <see cref="QueryParser"/>. The limits exist because the server parses text from
/// clients it does not trust: every one bounds time, memory or stack before the work is done.
/// </summary>
public sealed class QueryParserOptions
{
    public static QueryParserOptions Default { get; } = new();

    /// <summary>Longest accepted text, in chars; longer text is refused before it is tokenized.</summary>
    public int MaxLength { get; init; } = 16384;

    /// <summary>
    /// Deepest accepted nesting: each parenthesis pair, NOT, AND, OR and SUBQUERY is one level, so an AND chain of
    /// n terms is n - 1 levels deep. Checked while parsing, which bounds the parser's own recursion too.
    /// </summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most values in one <c>IN {…}</c> list.</summary>
    public int MaxInValues { get; init; } = 1000;

    /// <summary>
    /// Resolves <c>$name.part…</c> (passed without the <c>$</c>, e.g. <c>user.id</c>) to a value; returning null
    /// means the variable does not exist. Without a resolver every variable is an error.
    /// </summary>
    public Func<string, RealmValue?>? ResolveVariable { get; init; }
}
