using System;
using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Merge.Internal;

namespace SourceGenSync.Merge;

/// <summary>
/// Operational transformation of concurrent changeset sequences (TP1; one central order on the server makes TP2
/// unnecessary, see docs/merge-rules.md). <c>left</c> and <c>right</c> were made concurrently on the same state;
/// the result satisfies apply(apply(s, left), Right') == apply(apply(s, right), Left').
/// </summary>
public static class ChangesetTransformer
{
    /// <summary>
    /// Transforms every left changeset against every right changeset in the usual grid: each left changeset is
    /// transformed against the right ones in order, and each right changeset carries forward its version as
    /// transformed against the left changesets before. Server: append <see cref="TransformResult.Left"/> of
    /// Transform(upload, history(base, head]). Client: apply <see cref="TransformResult.Right"/> of
    /// Transform(pending, downloaded) and keep its Left as the new pending.
    /// </summary>
    public static TransformResult Transform(IReadOnlyList<OriginChangeset> left, IReadOnlyList<OriginChangeset> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Count == 0 || right.Count == 0)
        {
            return new TransformResult(left, right);
        }

        var rightInstructions = new IReadOnlyList<Instruction>[right.Count];
        var rightFootprints = new ChangesetFootprint[right.Count];
        for (var j = 0; j < right.Count; j++)
        {
            ArgumentNullException.ThrowIfNull(right[j]);
            rightInstructions[j] = right[j].Changeset.Instructions;
            rightFootprints[j] = ChangesetFootprint.Of(rightInstructions[j]);
        }

        var leftResult = new OriginChangeset[left.Count];
        for (var i = 0; i < left.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(left[i]);
            var stamp = left[i].Stamp;
            IReadOnlyList<Instruction> instructions = left[i].Changeset.Instructions;
            var footprint = ChangesetFootprint.Of(instructions);
            for (var j = 0; j < right.Count; j++)
            {
                // Changesets touching disjoint objects (and not erasing what the other links to) commute as they are.
                if (!footprint.MayInteract(rightFootprints[j]))
                {
                    continue;
                }

                (instructions, rightInstructions[j]) = InstructionTransformer.Transform(instructions, stamp, rightInstructions[j], right[j].Stamp);
                footprint = ChangesetFootprint.Of(instructions);
                rightFootprints[j] = ChangesetFootprint.Of(rightInstructions[j]);
            }

            leftResult[i] = Rebuild(left[i], instructions);
        }

        var rightResult = new OriginChangeset[right.Count];
        for (var j = 0; j < right.Count; j++)
        {
            rightResult[j] = Rebuild(right[j], rightInstructions[j]);
        }

        return new TransformResult(leftResult, rightResult);
    }

    private static OriginChangeset Rebuild(OriginChangeset original, IReadOnlyList<Instruction> instructions) =>
        ReferenceEquals(original.Changeset.Instructions, instructions)
            ? original
            : new OriginChangeset(new Changeset(original.Changeset.Version, original.Changeset.Timestamp, instructions), original.FileIdent);
}
