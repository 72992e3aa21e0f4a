namespace SourceGenSync.Generators.Tests.Harness;

public sealed class SourceWriterTests
{
    [Fact]
    public void Blocks_indent_their_content_by_four_spaces_per_level()
    {
        var writer = new SourceWriter();
        writer.OpenBlock("class A");
        writer.OpenBlock("void M()");
        writer.WriteLine("return;");
        writer.CloseBlock();
        writer.CloseBlock(";");

        Assert.Equal("class A\n{\n    void M()\n    {\n        return;\n    }\n};\n", writer.ToString());
    }

    [Fact]
    public void Empty_lines_carry_no_trailing_whitespace()
    {
        var writer = new SourceWriter();
        writer.OpenBlock();
        writer.WriteLine(string.Empty);
        writer.WriteLine();
        writer.CloseBlock();

        Assert.Equal("{\n\n\n}\n", writer.ToString());
    }

    [Fact]
    public void Multi_line_text_is_indented_line_by_line_and_CRLF_is_normalized()
    {
        var writer = new SourceWriter { Indentation = 1 };
        writer.WriteLines("a\r\n    b\n\nc");

        Assert.Equal("    a\n        b\n\n    c\n", writer.ToString());
    }

    [Fact]
    public void Negative_indentation_is_rejected()
    {
        var writer = new SourceWriter();

        Assert.Throws<System.ArgumentOutOfRangeException>(() => writer.Indentation = -1);
    }
}
