using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using static SourceGenSync.Protocol.Tests.Merge.MergeAssert;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>The grid over changeset sequences, what it keeps, and the stamp order.</summary>
public sealed class ChangesetTransformerTests
{
    private static readonly ObjectRef Ann = ObjectRef.TopLevel("Person", 1);
    private static readonly ObjectRef Bob = ObjectRef.TopLevel("Person", 2);

    [Fact]
    public void Stamps_order_by_timestamp_then_file_ident()
    {
        Assert.True(new MergeStamp(1, 9) < new MergeStamp(2, 1));
        Assert.True(new MergeStamp(2, 1) < new MergeStamp(2, 3));
        Assert.Equal(0, new MergeStamp(2, 3).CompareTo(new MergeStamp(2, 3)));
        Assert.Equal(new MergeStamp(5, 7), new OriginChangeset(new Changeset(1, 5, []), 7).Stamp);
    }

    [Fact]
    public void Changesets_keep_version_timestamp_and_file_even_when_emptied()
    {
        var left = new OriginChangeset(new Changeset(11, 100, [new EraseObject(Ann)]), 1);
        var right = new OriginChangeset(new Changeset(22, 200, [new SetField(Ann, "Name", Payload.Of("x"))]), 2);

        var result = ChangesetTransformer.Transform([left], [right]);

        var emptied = Assert.Single(result.Right);
        Assert.Empty(emptied.Changeset.Instructions);
        Assert.Equal((22L, 200L, 2L), (emptied.Changeset.Version, emptied.Changeset.Timestamp, emptied.FileIdent));
        Assert.Same(left, Assert.Single(result.Left));
    }

    [Fact]
    public void Independent_changesets_come_back_as_the_same_instances()
    {
        var left = Cs(100, 1, new SetField(Ann, "Name", Payload.Of("a")));
        var right = Cs(200, 2, new SetField(Bob, "Name", Payload.Of("b")));

        var result = ChangesetTransformer.Transform([left], [right]);

        Assert.Same(left, result.Left[0]);
        Assert.Same(right, result.Right[0]);
    }

    [Fact]
    public void Sequences_transform_in_a_grid_and_converge()
    {
        var start = State(new CreateObject(Ann), new ListInsert(Ann, "Tags", 0, Payload.Of("a")));
        OriginChangeset[] left =
        [
            Cs(100, 1, new ListInsert(Ann, "Tags", 0, Payload.Of("l1"))),
            Cs(110, 1, new ListErase(Ann, "Tags", 1), new SetField(Ann, "Name", Payload.Of("left"))),
            Cs(120, 1, new ListInsert(Ann, "Tags", 1, Payload.Of("l2"))),
        ];
        OriginChangeset[] right =
        [
            Cs(105, 2, new ListInsert(Ann, "Tags", 1, Payload.Of("r1")), new SetField(Ann, "Name", Payload.Of("right"))),
            Cs(115, 2, new ListSet(Ann, "Tags", 0, Payload.Of("A"))),
        ];

        var ann = Converge(start, left, right).Doc("Person", 1);

        // "a" erased by left beats right's set of it; r1 and l2 then compete for index 1 and the lower stamp goes first.
        Assert.Equal(["l1", "r1", "l2"], ann.Field("Tags").Strings());
        Assert.Equal("left", ann.Field("Name").Value.AsString());
    }

    [Fact]
    public void Transforming_against_history_one_changeset_at_a_time_equals_all_at_once()
    {
        // The client transforms its pending changes against each download as it arrives; the server transforms the
        // upload against the whole concurrent history at once. Both must produce the same Left'.
        OriginChangeset[] pending =
        [
            Cs(100, 1, new ListInsert(Ann, "Tags", 0, Payload.Of("p1")), new EraseObject(Bob)),
            Cs(130, 1, new ListErase(Ann, "Tags", 0)),
        ];
        OriginChangeset[] history =
        [
            Cs(90, 2, new ListInsert(Ann, "Tags", 0, Payload.Of("h1")), new SetField(Ann, "Friend", Payload.Link("Person", 2))),
            Cs(140, 3, new ListInsert(Ann, "Tags", 1, Payload.Of("h2"))),
        ];

        var atOnce = ChangesetTransformer.Transform(pending, history).Left;
        var stepwise = ChangesetTransformer.Transform(ChangesetTransformer.Transform(pending, [history[0]]).Left, [history[1]]).Left;

        Assert.Equal(TransformProperties.Describe(atOnce), TransformProperties.Describe(stepwise));
    }
}
