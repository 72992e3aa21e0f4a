using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace SourceGenSync.Testing;

/// <summary>A span marked in test source: <c>{|SGS0003:Name|}</c> (with an id) or <c>[|Name|]</c> (without).</summary>
public sealed record MarkedSpan(TextSpan Span, string? Id);

/// <summary>
/// Source text with expected-diagnostic spans marked inline, in the style of Roslyn's analyzer tests:
/// <c>{|ID:text|}</c> marks a diagnostic with that id, <c>[|text|]</c> a diagnostic whose id the test states
/// separately. Markers may nest (<c>{|SGS0001:{|SGS0026:Item|}|}</c>: two diagnostics on one identifier).
/// </summary>
public sealed class Markup
{
    private Markup(string source, ImmutableArray<MarkedSpan> spans)
    {
        Source = source;
        Spans = spans;
    }

    /// <summary>The source with every marker removed.</summary>
    public string Source { get; }

    /// <summary>The marked spans, ordered by start, then end, then id.</summary>
    public ImmutableArray<MarkedSpan> Spans { get; }

    public static Markup Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var open = new Stack<(char Kind, int Start, string? Id)>();
        var spans = new List<MarkedSpan>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Follows(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"Marker '{{|' at {i} has no ':' after its id.");
                }

                open.Push(('{', source.Length, markup.Substring(i + 2, colon - i - 2)));
                i = colon + 1;
            }
            else if (Follows(markup, i, "[|"))
            {
                open.Push(('[', source.Length, null));
                i += 2;
            }
            else if (Follows(markup, i, "|}") || Follows(markup, i, "|]"))
            {
                var kind = markup[i + 1] == '}' ? '{' : '[';
                if (open.Count == 0 || open.Peek().Kind != kind)
                {
                    throw new FormatException($"Marker '{markup.Substring(i, 2)}' at {i} closes nothing.");
                }

                var (_, start, id) = open.Pop();
                spans.Add(new MarkedSpan(TextSpan.FromBounds(start, source.Length), id));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"{open.Count} marker(s) are not closed.");
        }

        var ordered = spans.OrderBy(s => s.Span.Start).ThenBy(s => s.Span.End).ThenBy(s => s.Id, StringComparer.Ordinal);
        return new Markup(source.ToString(), ordered.ToImmutableArray());
    }

    private static bool Follows(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
