namespace SourceGenSync.Queries.Internal;

internal enum QueryTokenKind
{
    End,

    /// <summary><c>name.name…</c>, optionally prefixed by <c>$</c> or <c>@</c>; later segments may be <c>@name</c>.</summary>
    Path,

    /// <summary><c>$</c> and digits: an index into the arguments.</summary>
    Argument,
    Integer,
    Double,
    String,

    /// <summary><c>[c]</c> and friends after a string operator; <see cref="QueryToken.Text"/> is the letters inside.</summary>
    Modifier,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    AndSymbol,
    OrSymbol,
    NotSymbol,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    Comma,
    Dot,
}

internal enum PathPrefix
{
    None,
    Dollar,
    At,
}

/// <summary>
/// One token and where it is. <see cref="Segments"/> is set for paths (without the prefix characters),
/// <see cref="Text"/> for argument digits and modifier letters, <see cref="Value"/> for literals.
/// </summary>
internal readonly record struct QueryToken(
    QueryTokenKind Kind,
    int Position,
    int Length,
    PathPrefix Prefix = PathPrefix.None,
    string[]? Segments = null,
    string? Text = null,
    RealmValue Value = default)
{
    public int End => Position + Length;

    /// <summary>True for a one-segment path without prefix that equals <paramref name="word"/> ignoring case.</summary>
    public bool IsWord(string word) =>
        Kind == QueryTokenKind.Path && Prefix == PathPrefix.None && Segments!.Length == 1 &&
        string.Equals(Segments[0], word, System.StringComparison.OrdinalIgnoreCase);
}
