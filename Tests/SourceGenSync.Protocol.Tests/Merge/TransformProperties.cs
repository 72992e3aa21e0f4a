using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Tests.Merge.Simulation;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>
/// TP1 directly: from one random state, two files make random changeset sequences; applying left then Right' and
/// right then Left' must give the same documents, with no instruction skipped, in either argument order.
/// </summary>
public sealed class TransformProperties
{
    [Fact]
    public void Transformed_sequences_converge_from_any_shared_state()
    {
        var input = from seed in Gen.Choose(0, int.MaxValue - 1)
                    from setup in Gen.Choose(0, 25)
                    from left in Gen.Choose(1, 4)
                    from right in Gen.Choose(1, 4)
                    select (seed, setup, left, right);
        Prop.ForAll(Arb.From(input), c => Tp1Holds(c.seed, c.setup, c.left, c.right))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    private static bool Tp1Holds(int seed, int setup, int leftCount, int rightCount)
    {
        var random = new Random(seed);
        var operations = new RandomOperations(random);
        var start = new InMemoryDocumentSource();
        for (var i = 0; i < setup; i++)
        {
            operations.Transaction(start);
        }

        var leftStamp = random.Next(0, 20);
        var rightStamp = random.Next(0, 20);
        var left = MakeSequence(start, operations, leftCount, fileIdent: 1, leftStamp);
        var right = MakeSequence(start, operations, rightCount, fileIdent: 2, rightStamp);

        Check(start, left, right, $"seed {seed}, setup {setup}, left {leftCount}, right {rightCount}");
        Check(start, right, left, $"seed {seed}, setup {setup}, left {leftCount}, right {rightCount} (swapped)");
        return true;
    }

    private static List<OriginChangeset> MakeSequence(InMemoryDocumentSource start, RandomOperations operations, int count, long fileIdent, long firstTimestamp)
    {
        var replica = start.Clone();
        var sequence = new List<OriginChangeset>();
        for (var i = 0; i < count; i++)
        {
            var instructions = operations.Transaction(replica);
            sequence.Add(new OriginChangeset(new Changeset(i + 1, firstTimestamp + i, instructions), fileIdent));
        }

        return sequence;
    }

    private static void Check(InMemoryDocumentSource start, List<OriginChangeset> left, List<OriginChangeset> right, string label)
    {
        var result = ChangesetTransformer.Transform(left, right);
        var viaLeft = MergeAssert.ApplyAll(start, [.. left, .. result.Right], label);
        var viaRight = MergeAssert.ApplyAll(start, [.. right, .. result.Left], label);
        if (!viaLeft.Equals(viaRight))
        {
            throw new InvalidOperationException(
                $"{label}: TP1 violated\nleft:\n{Describe(left)}right:\n{Describe(right)}Left':\n{Describe(result.Left)}Right':\n{Describe(result.Right)}" +
                $"start:\n{start.Dump()}left then Right':\n{viaLeft.Dump()}right then Left':\n{viaRight.Dump()}");
        }
    }

    internal static string Describe(IEnumerable<OriginChangeset> changesets) =>
        string.Concat(changesets.Select(c => $"  [{c.Stamp}] " + string.Join("; ", c.Changeset.Instructions) + "\n"));
}
