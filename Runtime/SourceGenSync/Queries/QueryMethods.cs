using System;

namespace SourceGenSync;

/// <summary>
/// Query operations with no C# equivalent, for LINQ queries on realm collections:
/// <c>realm.All&lt;Item&gt;().Where(i =&gt; QueryMethods.Like(i.Title, "a*b?"))</c>. They only describe a query; the
/// realm's query provider translates them, and calling them anywhere else throws.
/// </summary>
public static class QueryMethods
{
    /// <summary>
    /// Wildcard match: <c>*</c> matches any run of characters, <c>?</c> exactly one; every other character matches
    /// itself. Case-insensitive matching folds case beyond ASCII.
    /// </summary>
    public static bool Like(string? value, string pattern, bool caseSensitive = true) =>
        throw NotInQuery(nameof(Like));

    /// <summary>
    /// Full-text search over a property marked <c>[Indexed(IndexType.FullText)]</c>: true when the text contains every
    /// word of <paramref name="terms"/>. A leading '-' excludes a word; a trailing '*' matches words starting with it.
    /// </summary>
    public static bool FullTextSearch(string? value, string terms) =>
        throw NotInQuery(nameof(FullTextSearch));

    private static NotSupportedException NotInQuery(string method) =>
        new($"QueryMethods.{method} only describes a condition inside a realm query (realm.All<T>().Where(...)); it cannot be called directly.");
}
