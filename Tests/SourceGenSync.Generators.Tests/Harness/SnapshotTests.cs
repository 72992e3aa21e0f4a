using System;
using System.IO;
using System.Linq;
using SourceGenSync.Testing;

namespace SourceGenSync.Generators.Tests.Harness;

/// <summary>The golden-file helper itself: it must fail on a difference and accept only when asked.</summary>
public sealed class SnapshotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sgs-snapshot-").FullName;

    private string Verified => Path.Combine(_directory, "case.verified.cs");

    private string Received => Path.Combine(_directory, "case.received.cs");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Matching_text_passes_and_removes_a_stale_received_file()
    {
        File.WriteAllText(Verified, "a\nb\n");
        File.WriteAllText(Received, "old");

        Snapshot.Verify("a\r\nb\r\n", Verified, Received, accept: false);

        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void Different_text_fails_with_a_diff_and_writes_the_received_file()
    {
        File.WriteAllText(Verified, "same\nold line\nsame\n");

        var failure = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("same\nnew line\nsame\n", Verified, Received, accept: false));

        Assert.Contains("- old line", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+ new line", failure.Message, StringComparison.Ordinal);
        Assert.Equal("same\nnew line\nsame\n", File.ReadAllText(Received));
        Assert.Equal("same\nold line\nsame\n", File.ReadAllText(Verified));
    }

    [Fact]
    public void A_missing_golden_file_fails_instead_of_passing_silently()
    {
        Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("text", Verified, Received, accept: false));

        Assert.False(File.Exists(Verified));
        Assert.True(File.Exists(Received));
    }

    [Fact]
    public void Accepting_overwrites_the_golden_file()
    {
        File.WriteAllText(Verified, "old");

        Snapshot.Verify("new", Verified, Received, accept: true);

        Assert.Equal("new", File.ReadAllText(Verified));
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void Diff_keeps_context_around_changes_and_elides_the_rest()
    {
        var expected = string.Join('\n', Enumerable.Range(0, 20).Select(i => $"line {i}"));
        var actual = expected.Replace("line 10", "line ten", StringComparison.Ordinal);

        var diff = TextDiff.Summarize(expected, actual);

        Assert.Equal("  line 8\n  line 9\n- line 10\n+ line ten\n  line 11\n  line 12\n", diff);
    }
}
