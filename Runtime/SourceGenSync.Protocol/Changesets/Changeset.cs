using System;
using System.Collections.Generic;

namespace SourceGenSync.Changesets;

/// <summary>
/// Everything one committed write transaction changed, in the order it happened. The local store appends one
/// changeset per commit to its change log in the same SQLite transaction as the data; sync uploads them, and the
/// server's history is made of them. The binary form is specified in docs/changesets.md.
/// </summary>
public sealed class Changeset
{
    public Changeset(long version, long timestamp, IReadOnlyList<Instruction> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        Version = version;
        Timestamp = timestamp;
        Instructions = instructions;
    }

    /// <summary>The local version this commit produced (1, 2, 3… per file, no gaps).</summary>
    public long Version { get; }

    /// <summary>When the transaction committed: a hybrid logical clock value (Unix milliseconds × 65,536 + counter).</summary>
    public long Timestamp { get; }

    public IReadOnlyList<Instruction> Instructions { get; }

    public override string ToString() => $"changeset v{Version} ({Instructions.Count} instructions)";
}
