using System;
using System.Text;

namespace SourceGenSync.Generators;

/// <summary>
/// Builds generated source text with tracked indentation, so emitters write code at the nesting they mean
/// without counting spaces. Lines always end with <c>\n</c>: generated text must not depend on the machine.
/// </summary>
internal sealed class SourceWriter
{
    private const int SpacesPerLevel = 4;

    private readonly StringBuilder _builder = new();
    private int _indentation;

    public int Indentation
    {
        get => _indentation;
        set => _indentation = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Writes one line at the current indentation; an empty line carries no trailing spaces.</summary>
    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indentation * SpacesPerLevel);
            _builder.Append(line);
        }

        _builder.Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>
    /// Writes a multi-line block (typically a raw string literal), indenting every line by the current level
    /// on top of the indentation the block already has.
    /// </summary>
    public void WriteLines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            WriteLine(text.Substring(start, end - start).TrimEnd('\r'));
            start = end + 1;
        }
    }

    /// <summary>Writes <paramref name="header"/> (if any), an opening brace, and indents.</summary>
    public void OpenBlock(string? header = null)
    {
        if (header is not null)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indentation++;
    }

    /// <summary>Outdents and writes a closing brace followed by <paramref name="suffix"/> (e.g. <c>;</c>).</summary>
    public void CloseBlock(string suffix = "")
    {
        _indentation--;
        WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
