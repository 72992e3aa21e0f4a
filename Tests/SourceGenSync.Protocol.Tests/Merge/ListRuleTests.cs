using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using static SourceGenSync.Protocol.Tests.Merge.MergeAssert;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>List index transformation, tie-breaks, and embedded paths through list elements.</summary>
public sealed class ListRuleTests
{
    private static readonly ObjectRef Ann = ObjectRef.TopLevel("Person", 1);

    private static ObjectRef Address(long index) => Ann with { Path = [new PathElement("Addresses", index)] };

    private static InMemoryDocumentSource Start() => State(
        new CreateObject(Ann),
        new ListInsert(Ann, "Tags", 0, Payload.Of("a")),
        new ListInsert(Ann, "Tags", 1, Payload.Of("b")),
        new ListInsert(Ann, "Tags", 2, Payload.Of("c")),
        new ListInsert(Ann, "Addresses", 0, Payload.NewEmbedded),
        new SetField(Address(0), "City", Payload.Of("Oslo")),
        new ListInsert(Ann, "Addresses", 1, Payload.NewEmbedded),
        new SetField(Address(1), "City", Payload.Of("Bergen")));

    private static string[] Tags(InMemoryDocumentSource state) => state.Doc("Person", 1).Field("Tags").Strings();

    private static string[] Cities(InMemoryDocumentSource state) =>
        state.Doc("Person", 1).Field("Addresses").Items.Select(a => a.Document!.Field("City").Value.AsString()).ToArray();

    [Fact]
    public void Inserts_at_the_same_index_are_ordered_by_stamp_lower_first()
    {
        var early = Cs(100, 9, new ListInsert(Ann, "Tags", 1, Payload.Of("early")));
        var late = Cs(200, 1, new ListInsert(Ann, "Tags", 1, Payload.Of("late")));

        Assert.Equal(["a", "early", "late", "b", "c"], Tags(Converge(Start(), early, late)));
        Assert.Equal(["a", "early", "late", "b", "c"], Tags(Converge(Start(), late, early)));
    }

    [Fact]
    public void Concurrent_appends_keep_time_order()
    {
        var first = Cs(100, 2, new ListInsert(Ann, "Tags", 3, Payload.Of("d")), new ListInsert(Ann, "Tags", 4, Payload.Of("e")));
        var second = Cs(150, 1, new ListInsert(Ann, "Tags", 3, Payload.Of("f")));

        Assert.Equal(["a", "b", "c", "d", "e", "f"], Tags(Converge(Start(), first, second)));
    }

    [Fact]
    public void An_insert_before_an_erase_shifts_the_erase()
    {
        var insert = Cs(100, 1, new ListInsert(Ann, "Tags", 0, Payload.Of("z")));
        var erase = Cs(200, 2, new ListErase(Ann, "Tags", 1));

        Assert.Equal(["z", "a", "c"], Tags(Converge(Start(), insert, erase)));
    }

    [Fact]
    public void Concurrent_erases_of_the_same_element_remove_it_once()
    {
        var left = Cs(100, 1, new ListErase(Ann, "Tags", 1));
        var right = Cs(200, 2, new ListErase(Ann, "Tags", 1), new ListInsert(Ann, "Tags", 1, Payload.Of("n")));

        Assert.Equal(["a", "n", "c"], Tags(Converge(Start(), left, right)));
    }

    [Fact]
    public void An_erase_beats_a_later_set_of_the_same_element()
    {
        var erase = Cs(100, 1, new ListErase(Ann, "Tags", 2));
        var set = Cs(900, 2, new ListSet(Ann, "Tags", 2, Payload.Of("C")));

        Assert.Equal(["a", "b"], Tags(Converge(Start(), erase, set)));
    }

    [Fact]
    public void Sets_of_the_same_element_last_writer_wins_and_other_elements_both_apply()
    {
        var left = Cs(300, 1, new ListSet(Ann, "Tags", 0, Payload.Of("A1")), new ListSet(Ann, "Tags", 2, Payload.Of("C")));
        var right = Cs(200, 2, new ListSet(Ann, "Tags", 0, Payload.Of("A2")), new ListSet(Ann, "Tags", 1, Payload.Of("B")));

        Assert.Equal(["A1", "B", "C"], Tags(Converge(Start(), left, right)));
    }

    [Fact]
    public void Embedded_paths_through_a_list_shift_with_an_insert_before_them()
    {
        var insert = Cs(100, 1, new ListInsert(Ann, "Addresses", 0, Payload.NewEmbedded), new SetField(Address(0), "City", Payload.Of("Tromsø")));
        var edit = Cs(200, 2, new SetField(Address(1), "City", Payload.Of("Stavanger")));

        Assert.Equal(["Tromsø", "Oslo", "Stavanger"], Cities(Converge(Start(), insert, edit)));
    }

    [Fact]
    public void Embedded_paths_through_a_list_shift_with_an_erase_before_them()
    {
        var erase = Cs(100, 1, new ListErase(Ann, "Addresses", 0));
        var edit = Cs(200, 2, new SetField(Address(1), "City", Payload.Of("Stavanger")));

        var transformed = ChangesetTransformer.Transform([erase], [edit]).Right[0].Changeset.Instructions;

        Assert.Equal(Address(0), Assert.Single(transformed).Object);
        Assert.Equal(["Stavanger"], Cities(Converge(Start(), erase, edit)));
    }

    [Fact]
    public void Edits_inside_an_erased_or_replaced_list_element_are_dropped()
    {
        var erase = Cs(100, 1, new ListErase(Ann, "Addresses", 1), new ListSet(Ann, "Addresses", 0, Payload.NewEmbedded));
        var edit = Cs(900, 2,
            new SetField(Address(1), "City", Payload.Of("Stavanger")),
            new SetField(Address(0), "Zip", Payload.Of(1)));

        var addresses = Converge(Start(), erase, edit).Doc("Person", 1).Field("Addresses").Items;

        Assert.Equal(0, Assert.Single(addresses).Document!.FieldCount);
    }

    [Fact]
    public void Nested_list_paths_are_transformed_at_the_right_depth()
    {
        var nested = Address(1) with { Path = [new PathElement("Addresses", 1), new PathElement("Zips", 0)] };
        var start = Start();
        InstructionApplier.Apply(new ListInsert(Address(1), "Zips", 0, Payload.NewEmbedded), start);
        var shiftOuter = Cs(100, 1, new ListInsert(Ann, "Addresses", 1, Payload.NewEmbedded));
        var shiftInner = Cs(150, 3, new ListInsert(Address(1), "Zips", 0, Payload.NewEmbedded));
        var edit = Cs(200, 2, new SetField(nested, "Code", Payload.Of(5000)));

        var state = Converge(start, [shiftOuter], [edit]);
        Assert.Equal(5000, state.Doc("Person", 1).Field("Addresses").Items[2].Document!.Field("Zips").Items[0].Document!.Field("Code").Value.AsInt64());

        state = Converge(start, [shiftInner], [edit]);
        Assert.Equal(5000, state.Doc("Person", 1).Field("Addresses").Items[1].Document!.Field("Zips").Items[1].Document!.Field("Code").Value.AsInt64());
    }
}
