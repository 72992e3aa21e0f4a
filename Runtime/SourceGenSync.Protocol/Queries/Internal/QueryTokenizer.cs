using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SourceGenSync.Queries.Internal;

/// <summary>
/// Splits query text into tokens on demand, left to right, in one pass: the parser stops at the first error, so
/// hostile text costs no more than the part read before it. Only ASCII outside string literals is accepted.
/// </summary>
internal sealed class QueryTokenizer
{
    // Error messages quote the offending text; this keeps a message short when the text is huge.
    private const int MaxShownChars = 40;

    private readonly string _text;
    private int _position;

    public QueryTokenizer(string text) => _text = text;

    public QueryToken Next()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n')
        {
            _position++;
        }

        if (_position >= _text.Length)
        {
            return new QueryToken(QueryTokenKind.End, _text.Length, 0);
        }

        var start = _position;
        var c = _text[start];
        var next = start + 1 < _text.Length ? _text[start + 1] : '\0';
        var token = c switch
        {
            '(' => Fixed(QueryTokenKind.LeftParen, 1),
            ')' => Fixed(QueryTokenKind.RightParen, 1),
            '{' => Fixed(QueryTokenKind.LeftBrace, 1),
            '}' => Fixed(QueryTokenKind.RightBrace, 1),
            ',' => Fixed(QueryTokenKind.Comma, 1),
            '.' => Fixed(QueryTokenKind.Dot, 1),
            '=' when next == '=' => Fixed(QueryTokenKind.Equal, 2),
            '!' => next == '=' ? Fixed(QueryTokenKind.NotEqual, 2) : Fixed(QueryTokenKind.NotSymbol, 1),
            '<' => next == '=' ? Fixed(QueryTokenKind.LessOrEqual, 2) : Fixed(QueryTokenKind.Less, 1),
            '>' => next == '=' ? Fixed(QueryTokenKind.GreaterOrEqual, 2) : Fixed(QueryTokenKind.Greater, 1),
            '&' when next == '&' => Fixed(QueryTokenKind.AndSymbol, 2),
            '|' when next == '|' => Fixed(QueryTokenKind.OrSymbol, 2),
            '[' => ReadModifier(start),
            '\'' or '"' => ReadString(start, c),
            '$' when IsDigit(next) => ReadArgument(start),
            '$' when IsIdentifierStart(next) => ReadPath(start, PathPrefix.Dollar),
            '@' when IsIdentifierStart(next) => ReadPath(start, PathPrefix.At),
            '-' when IsDigit(next) => ReadNumber(start),
            _ when IsDigit(c) => ReadNumber(start),
            _ when IsIdentifierStart(c) => ReadPath(start, PathPrefix.None),
            '=' => throw Unexpected(start, ": compare with '=='"),
            '&' => throw Unexpected(start, ": write '&&' or AND"),
            '|' => throw Unexpected(start, ": write '||' or OR"),
            '$' => throw Unexpected(start, ": '$' starts an argument ($0) or a variable ($user.id)"),
            '@' => throw Unexpected(start, ": '@' starts @self, @count or @keys"),
            _ => throw Unexpected(start, string.Empty),
        };

        _position = token.End;
        return token;

        QueryToken Fixed(QueryTokenKind kind, int length) => new(kind, start, length);
    }

    /// <summary>How a token reads in "found …" of an error message.</summary>
    public string Describe(QueryToken token) => token.Kind switch
    {
        QueryTokenKind.End => "end of query",
        QueryTokenKind.String => "the string " + Show(token.Position, token.Length),
        _ => "'" + Show(token.Position, token.Length) + "'",
    };

    /// <summary>The token's text as written, shortened for messages.</summary>
    public string Show(QueryToken token) => Show(token.Position, token.Length);

    public static bool IsIdentifierStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>A name or word from the query, shortened for messages.</summary>
    public static string Shorten(string text) => text.Length <= MaxShownChars ? text : text[..MaxShownChars] + "…";

    private string Show(int position, int length)
    {
        var shown = Math.Min(length, MaxShownChars);
        var builder = new StringBuilder(shown + 1);
        foreach (var c in _text.AsSpan(position, shown))
        {
            // Control characters would garble a log line or a client's error display, and cutting the text could
            // split a surrogate pair; messages are for reading, so both become '?'.
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return length > shown ? builder.Append('…').ToString() : builder.ToString();
    }

    // path = ["$" | "@"] name { "." (name | "@" name) }; the parser decides what the segments mean.
    private QueryToken ReadPath(int start, PathPrefix prefix)
    {
        var position = prefix == PathPrefix.None ? start : start + 1;
        var segments = new List<string> { ReadIdentifier(ref position) };
        while (position < _text.Length && _text[position] == '.')
        {
            var segmentStart = position + 1;
            if (segmentStart < _text.Length && IsIdentifierStart(_text[segmentStart]))
            {
                position = segmentStart;
                segments.Add(ReadIdentifier(ref position));
            }
            else if (segmentStart + 1 < _text.Length && _text[segmentStart] == '@' && IsIdentifierStart(_text[segmentStart + 1]))
            {
                position = segmentStart + 1;
                segments.Add("@" + ReadIdentifier(ref position));
            }
            else
            {
                throw new QueryParseException(
                    $"Expected a property name after '.' at {segmentStart}, found {DescribeChar(segmentStart)}.", segmentStart);
            }
        }

        return new QueryToken(QueryTokenKind.Path, start, position - start, prefix, [.. segments]);
    }

    private string ReadIdentifier(ref int position)
    {
        var start = position;
        while (position < _text.Length && IsIdentifierPart(_text[position]))
        {
            position++;
        }

        return _text.Substring(start, position - start);
    }

    private QueryToken ReadArgument(int start)
    {
        var position = start + 1;
        while (position < _text.Length && IsDigit(_text[position]))
        {
            position++;
        }

        if (position < _text.Length && IsIdentifierStart(_text[position]))
        {
            throw Unexpected(position, $" after the argument {_text[start..position]}");
        }

        return new QueryToken(QueryTokenKind.Argument, start, position - start, Text: _text.Substring(start + 1, position - start - 1));
    }

    // number = ["-"] digits ["." digits] [("e" | "E") ["+" | "-"] digits]; a fraction or exponent makes it a Double.
    private QueryToken ReadNumber(int start)
    {
        var position = start;
        if (_text[position] == '-')
        {
            position++;
        }

        SkipDigits(ref position);
        var isDouble = false;
        if (position + 1 < _text.Length && _text[position] == '.' && IsDigit(_text[position + 1]))
        {
            isDouble = true;
            position++;
            SkipDigits(ref position);
        }

        if (position < _text.Length && _text[position] is 'e' or 'E')
        {
            var exponent = position + 1;
            if (exponent < _text.Length && _text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent < _text.Length && IsDigit(_text[exponent]))
            {
                isDouble = true;
                position = exponent;
                SkipDigits(ref position);
            }
        }

        if (position < _text.Length && (IsIdentifierPart(_text[position]) || _text[position] == '.'))
        {
            throw Unexpected(position, $" after the number {Show(start, position - start)}");
        }

        var digits = _text.AsSpan(start, position - start);
        if (!isDouble)
        {
            return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                ? new QueryToken(QueryTokenKind.Integer, start, position - start, Value: integer)
                : throw new QueryParseException(
                    $"The number {Show(start, position - start)} at {start} does not fit in a 64-bit integer.", start);
        }

        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || !double.IsFinite(real))
        {
            throw new QueryParseException($"The number {Show(start, position - start)} at {start} is out of range for a double.", start);
        }

        return new QueryToken(QueryTokenKind.Double, start, position - start, Value: real);
    }

    private void SkipDigits(ref int position)
    {
        while (position < _text.Length && IsDigit(_text[position]))
        {
            position++;
        }
    }

    private QueryToken ReadModifier(int start)
    {
        var position = start + 1;
        while (position < _text.Length && IsIdentifierStart(_text[position]))
        {
            position++;
        }

        if (position == start + 1)
        {
            throw new QueryParseException(
                $"Expected a modifier letter such as c after '[' at {position}, found {DescribeChar(position)}.", position);
        }

        if (position >= _text.Length || _text[position] != ']')
        {
            throw new QueryParseException(
                $"Expected ']' to close the modifier '{Show(start, position - start)}' at {position}, found {DescribeChar(position)}.",
                position);
        }

        return new QueryToken(QueryTokenKind.Modifier, start, position + 1 - start, Text: _text.Substring(start + 1, position - start - 1));
    }

    // Escapes: \\ \" \' \n \r \t \uXXXX. Surrogates must pair up: a string holds whole characters only, so a value
    // taken from a query can always be stored and sent on as UTF-8.
    private QueryToken ReadString(int start, char quote)
    {
        var builder = new StringBuilder();
        var position = start + 1;
        var pendingHighSurrogate = -1;
        while (true)
        {
            if (position >= _text.Length)
            {
                throw new QueryParseException(
                    $"Unterminated string starting at {start}: expected a closing {quote} before the end of the query.", start);
            }

            var c = _text[position];
            var charStart = position;
            if (c == quote)
            {
                break;
            }

            if (c == '\\')
            {
                c = ReadEscape(ref position, start, quote);
            }
            else
            {
                position++;
            }

            if (pendingHighSurrogate >= 0 && !char.IsLowSurrogate(c))
            {
                throw UnpairedSurrogate(pendingHighSurrogate);
            }

            if (char.IsLowSurrogate(c) && pendingHighSurrogate < 0)
            {
                throw UnpairedSurrogate(charStart);
            }

            pendingHighSurrogate = char.IsHighSurrogate(c) ? charStart : -1;
            builder.Append(c);
        }

        if (pendingHighSurrogate >= 0)
        {
            throw UnpairedSurrogate(pendingHighSurrogate);
        }

        return new QueryToken(QueryTokenKind.String, start, position + 1 - start, Value: builder.ToString());
    }

    private char ReadEscape(ref int position, int stringStart, char quote)
    {
        var escape = position;
        if (escape + 1 >= _text.Length)
        {
            throw new QueryParseException(
                $"Unterminated string starting at {stringStart}: expected a closing {quote} before the end of the query.", stringStart);
        }

        var kind = _text[escape + 1];
        position = escape + 2;
        switch (kind)
        {
            case '\\' or '"' or '\'':
                return kind;
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                var value = 0;
                for (var i = 0; i < 4; i++, position++)
                {
                    var digit = position < _text.Length ? HexValue(_text[position]) : -1;
                    if (digit < 0)
                    {
                        throw new QueryParseException(
                            $"Expected 4 hex digits after '\\u' at {position}, found {DescribeChar(position)}.", Math.Min(position, _text.Length));
                    }

                    value = (value << 4) | digit;
                }

                return (char)value;
            default:
                throw new QueryParseException(
                    $"Unknown escape '\\{(char.IsControl(kind) ? '?' : kind)}' at {escape}: a string may use \\\\ \\\" \\' \\n \\r \\t and \\uXXXX.",
                    escape);
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static QueryParseException UnpairedSurrogate(int position) =>
        new($"Unpaired surrogate in a string at {position}: a string must hold whole UTF-16 characters.", position);

    private QueryParseException Unexpected(int position, string hint) =>
        new($"Unexpected character {DescribeChar(position)} at {position}{hint}.", position);

    private string DescribeChar(int position)
    {
        if (position >= _text.Length)
        {
            return "end of query";
        }

        var c = _text[position];
        return c switch
        {
            ' ' => "a space",
            > ' ' and < (char)0x7F => $"'{c}'",
            _ => $"U+{(int)c:X4}",
        };
    }
}
