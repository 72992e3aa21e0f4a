using System.Collections.Generic;
using SourceGenSync.Changesets;

namespace SourceGenSync.Merge.Internal;

/// <summary>
/// The top-level objects a changeset touches, erases and links to. Two instructions only interact when they touch
/// the same top-level object or one erases what the other links to, so changesets with disjoint footprints skip
/// the pairwise work: on a server with many clients editing different objects that is most pairs.
/// </summary>
internal sealed class ChangesetFootprint
{
    private readonly HashSet<DocumentKey> _touched = [];
    private readonly HashSet<DocumentKey> _erased = [];
    private readonly HashSet<DocumentKey> _linked = [];

    public static ChangesetFootprint Of(IReadOnlyList<Instruction> instructions)
    {
        var footprint = new ChangesetFootprint();
        foreach (var instruction in instructions)
        {
            var key = new DocumentKey(instruction.Object.Class, instruction.Object.PrimaryKey);
            footprint._touched.Add(key);
            if (instruction is EraseObject && !instruction.Object.IsEmbedded)
            {
                footprint._erased.Add(key);
            }

            if (Rules.LinkTarget(instruction) is { } target)
            {
                footprint._linked.Add(target);
            }
        }

        return footprint;
    }

    public bool MayInteract(ChangesetFootprint other) =>
        _touched.Overlaps(other._touched) || _erased.Overlaps(other._linked) || _linked.Overlaps(other._erased);
}
