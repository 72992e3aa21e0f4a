using System;
using System.Collections.Generic;
using SourceGenSync.Changesets;

namespace SourceGenSync.Merge;

/// <summary>A changeset together with the client file that made it: what the transformer needs to order conflicts.</summary>
public sealed record OriginChangeset(Changeset Changeset, long FileIdent)
{
    public Changeset Changeset { get; } = Changeset ?? throw new ArgumentNullException(nameof(Changeset));

    /// <summary>The stamp shared by every instruction of this changeset.</summary>
    public MergeStamp Stamp => new(Changeset.Timestamp, FileIdent);

    public override string ToString() => $"{Changeset} from file {FileIdent}";
}

/// <summary>
/// The result of <see cref="ChangesetTransformer.Transform"/>: <see cref="Left"/> is the left sequence rewritten to
/// apply after the right one, <see cref="Right"/> the right sequence rewritten to apply after the left one. Each
/// keeps its changesets' Version, Timestamp and FileIdent, one for one (a changeset may end with no instructions).
/// </summary>
public sealed record TransformResult(IReadOnlyList<OriginChangeset> Left, IReadOnlyList<OriginChangeset> Right);
