using System;

namespace SourceGenSync.Queries;

/// <summary>A string field: equality, IN, and substring/prefix/suffix/wildcard matches with a case option.</summary>
#pragma warning disable CS0660, CS0661 // operators build queries; fields are never compared for equality themselves
public class StringField<TRoot> : EquatableField<TRoot, string?>
#pragma warning restore CS0660, CS0661
{
    public StringField(PropertyPath path)
        : base(path, static v => v)
    {
    }

    public QueryFilter<TRoot> Contains(string value, bool caseSensitive = true) => Match(StringOperator.Contains, value, caseSensitive);

    public QueryFilter<TRoot> Contains(string value, StringComparison comparison) => Contains(value, IsCaseSensitive(comparison));

    public QueryFilter<TRoot> StartsWith(string value, bool caseSensitive = true) => Match(StringOperator.StartsWith, value, caseSensitive);

    public QueryFilter<TRoot> StartsWith(string value, StringComparison comparison) => StartsWith(value, IsCaseSensitive(comparison));

    public QueryFilter<TRoot> EndsWith(string value, bool caseSensitive = true) => Match(StringOperator.EndsWith, value, caseSensitive);

    public QueryFilter<TRoot> EndsWith(string value, StringComparison comparison) => EndsWith(value, IsCaseSensitive(comparison));

    /// <summary>Wildcard match: <c>*</c> matches any run of characters, <c>?</c> exactly one.</summary>
    public QueryFilter<TRoot> Like(string pattern, bool caseSensitive = true) => Match(StringOperator.Like, pattern, caseSensitive);

    /// <summary>Equality with a case option (<c>==</c> is always case-sensitive).</summary>
    public QueryFilter<TRoot> Equals(string value, bool caseSensitive) => Match(StringOperator.Equal, value, caseSensitive);

    private QueryFilter<TRoot> Match(StringOperator op, string value, bool caseSensitive)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(new StringNode(Path, op, value, caseSensitive));
    }

    private static bool IsCaseSensitive(StringComparison comparison) => comparison switch
    {
        StringComparison.Ordinal or StringComparison.InvariantCulture or StringComparison.CurrentCulture => true,
        StringComparison.OrdinalIgnoreCase or StringComparison.InvariantCultureIgnoreCase or StringComparison.CurrentCultureIgnoreCase => false,
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, "Unknown StringComparison."),
    };
}

/// <summary>A string field with a full-text index: adds <see cref="MatchesAll"/> (tokenized search).</summary>
#pragma warning disable CS0660, CS0661
public class FullTextStringField<TRoot> : StringField<TRoot>
#pragma warning restore CS0660, CS0661
{
    public FullTextStringField(PropertyPath path)
        : base(path)
    {
    }

    /// <summary>True when the text contains every word of <paramref name="terms"/> (a leading '-' excludes a word).</summary>
    public QueryFilter<TRoot> MatchesAll(string terms)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terms);
        return new(new FullTextNode(Path, terms));
    }
}
