using System;
using System.Collections.Generic;
using System.Text;

namespace SourceGenSync.Testing;

/// <summary>A line diff for test failure messages: changed lines with a little context, unified-diff style.</summary>
public static class TextDiff
{
    private const int Context = 2;
    private const int MaxOutputLines = 80;

    /// <summary>Lines prefixed with <c>-</c> (expected only), <c>+</c> (actual only) or a space, around each change.</summary>
    public static string Summarize(string expected, string actual)
    {
        var edits = Diff(expected.Split('\n'), actual.Split('\n'));
        var keep = new bool[edits.Count];
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind != ' ')
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(edits.Count - 1, i + Context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var builder = new StringBuilder();
        var written = 0;
        var skipped = false;
        for (var i = 0; i < edits.Count && written < MaxOutputLines; i++)
        {
            if (!keep[i])
            {
                skipped = true;
                continue;
            }

            if (skipped && written > 0)
            {
                builder.Append("  ...\n");
            }

            skipped = false;
            builder.Append(edits[i].Kind).Append(' ').Append(edits[i].Line).Append('\n');
            written++;
        }

        return builder.ToString();
    }

    /// <summary>A longest-common-subsequence line diff; test texts are small enough for the quadratic table.</summary>
    public static IReadOnlyList<(char Kind, string Line)> Diff(string[] expected, string[] actual)
    {
        var lcs = new int[expected.Length + 1, actual.Length + 1];
        for (var i = expected.Length - 1; i >= 0; i--)
        {
            for (var j = actual.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = expected[i] == actual[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var result = new List<(char, string)>();
        int e = 0, a = 0;
        while (e < expected.Length && a < actual.Length)
        {
            if (expected[e] == actual[a])
            {
                result.Add((' ', expected[e++]));
                a++;
            }
            else if (lcs[e + 1, a] >= lcs[e, a + 1])
            {
                result.Add(('-', expected[e++]));
            }
            else
            {
                result.Add(('+', actual[a++]));
            }
        }

        while (e < expected.Length)
        {
            result.Add(('-', expected[e++]));
        }

        while (a < actual.Length)
        {
            result.Add(('+', actual[a++]));
        }

        return result;
    }
}
