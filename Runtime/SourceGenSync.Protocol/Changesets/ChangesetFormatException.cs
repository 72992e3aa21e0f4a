using System;

namespace SourceGenSync.Changesets;

/// <summary>
/// Bytes given to <see cref="ChangesetCodec.Decode"/> are not a valid changeset: truncated, corrupted (the checksum
/// does not match), written by a newer format version, or otherwise malformed. <see cref="Offset"/> says where.
/// </summary>
public sealed class ChangesetFormatException : FormatException
{
    public ChangesetFormatException(string problem, int offset)
        : this(problem, offset, null)
    {
    }

    public ChangesetFormatException(string problem, int offset, Exception? innerException)
        : base($"The changeset data is invalid at byte offset {offset}: {problem}", innerException)
    {
        Problem = problem;
        Offset = offset;
    }

    /// <summary>What was wrong, without the offset.</summary>
    public string Problem { get; }

    /// <summary>The byte offset in the decoded data where the problem was found (the start of the bad item).</summary>
    public int Offset { get; }
}
