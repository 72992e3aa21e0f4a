using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>Helpers for rule tests: build changesets, apply them strictly, check both orders converge.</summary>
internal static class MergeAssert
{
    public static OriginChangeset Cs(long timestamp, long fileIdent, params Instruction[] instructions) =>
        new(new Changeset(1, timestamp, instructions), fileIdent);

    /// <summary>Applies to a copy of <paramref name="start"/>, throwing on any skipped instruction.</summary>
    public static InMemoryDocumentSource ApplyAll(InMemoryDocumentSource start, IEnumerable<OriginChangeset> changesets, string label = "")
    {
        var state = start.Clone();
        foreach (var changeset in changesets)
        {
            InstructionApplier.Apply(changeset.Changeset, state, (instruction, why) =>
                throw new InvalidOperationException($"{label}: skipped {instruction} ({why}) of {changeset}\nstate:\n{state.Dump()}"));
        }

        return state;
    }

    /// <summary>
    /// Left and right made concurrently on <paramref name="start"/>: transforms them in both argument orders, checks
    /// all four results are the same state, and returns it so the test can assert who won.
    /// </summary>
    public static InMemoryDocumentSource Converge(InMemoryDocumentSource start, OriginChangeset left, OriginChangeset right) =>
        Converge(start, [left], [right]);

    public static InMemoryDocumentSource Converge(InMemoryDocumentSource start, IReadOnlyList<OriginChangeset> left, IReadOnlyList<OriginChangeset> right)
    {
        var forward = ChangesetTransformer.Transform(left, right);
        var backward = ChangesetTransformer.Transform(right, left);
        var results = new[]
        {
            ApplyAll(start, [.. left, .. forward.Right], "left, Right'"),
            ApplyAll(start, [.. right, .. forward.Left], "right, Left'"),
            ApplyAll(start, [.. right, .. backward.Right], "right, Right' (swapped)"),
            ApplyAll(start, [.. left, .. backward.Left], "left, Left' (swapped)"),
        };
        for (var i = 1; i < results.Length; i++)
        {
            Assert.True(results[0].Equals(results[i]), $"result {i} differs:\n{results[0].Dump()}---\n{results[i].Dump()}" +
                $"Left':\n{TransformProperties.Describe(forward.Left)}Right':\n{TransformProperties.Describe(forward.Right)}");
        }

        return results[0];
    }

    /// <summary>A state built by applying <paramref name="instructions"/> (one setup changeset).</summary>
    public static InMemoryDocumentSource State(params Instruction[] instructions) =>
        ApplyAll(new InMemoryDocumentSource(), [Cs(0, 0, instructions)], "setup");

    public static ObjectDocument Doc(this InMemoryDocumentSource state, string @class, long key) =>
        state.TryGet(@class, key, out var document) ? document : throw new InvalidOperationException($"{@class}[{key}] missing:\n{state.Dump()}");

    public static DocumentValue Field(this ObjectDocument document, string name) =>
        document.TryGetField(name, out var value) ? value : throw new InvalidOperationException($"field {name} missing in {document}");

    public static string[] Strings(this DocumentValue collection) => collection.Items.Select(v => v.Value.AsString()).ToArray();
}
