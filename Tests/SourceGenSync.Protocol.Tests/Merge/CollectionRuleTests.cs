using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using static SourceGenSync.Protocol.Tests.Merge.MergeAssert;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>Sets and dictionaries per element, and CollectionClear against concurrent edits.</summary>
public sealed class CollectionRuleTests
{
    private static readonly ObjectRef Ann = ObjectRef.TopLevel("Person", 1);

    private static InMemoryDocumentSource Start() => State(
        new CreateObject(Ann),
        new ListInsert(Ann, "Tags", 0, Payload.Of("a")),
        new SetInsert(Ann, "Labels", Payload.Of("red")),
        new DictionarySet(Ann, "Scores", "math", Payload.Of(5)),
        new DictionarySet(Ann, "Pets", "rex", Payload.NewEmbedded));

    [Fact]
    public void Clear_beats_concurrent_list_inserts_even_later_ones()
    {
        var clear = Cs(100, 1, new CollectionClear(Ann, "Tags"));
        var insert = Cs(900, 2, new ListInsert(Ann, "Tags", 1, Payload.Of("b")), new ListInsert(Ann, "Tags", 0, Payload.Of("c")));

        Assert.False(Converge(Start(), clear, insert).Doc("Person", 1).TryGetField("Tags", out _));
    }

    [Fact]
    public void Clear_beats_concurrent_set_inserts_dictionary_sets_and_edits_inside_entries()
    {
        var clear = Cs(100, 1, new CollectionClear(Ann, "Labels"), new CollectionClear(Ann, "Scores"), new CollectionClear(Ann, "Pets"));
        var edits = Cs(900, 2,
            new SetInsert(Ann, "Labels", Payload.Of("blue")),
            new DictionarySet(Ann, "Scores", "art", Payload.Of(3)),
            new SetField(Ann with { Path = [new PathElement("Pets", Key: "rex")] }, "Age", Payload.Of(3)));

        var ann = Converge(Start(), clear, edits).Doc("Person", 1);

        Assert.False(ann.TryGetField("Labels", out _));
        Assert.False(ann.TryGetField("Scores", out _));
        Assert.False(ann.TryGetField("Pets", out _));
    }

    [Fact]
    public void Inserts_made_after_a_concurrent_clear_of_ones_own_survive()
    {
        var clear = Cs(900, 1, new CollectionClear(Ann, "Tags"));
        var clearAndInsert = Cs(100, 2, new CollectionClear(Ann, "Tags"), new ListInsert(Ann, "Tags", 0, Payload.Of("new")));

        Assert.Equal(["new"], Converge(Start(), clear, clearAndInsert).Doc("Person", 1).Field("Tags").Strings());
    }

    [Theory]
    [InlineData(100, 200, false)]
    [InlineData(200, 100, true)]
    public void Set_insert_and_erase_of_one_member_last_writer_wins(long insertTime, long eraseTime, bool present)
    {
        var insert = Cs(insertTime, 1, new SetInsert(Ann, "Labels", Payload.Of("blue")));
        var erase = Cs(eraseTime, 2, new SetErase(Ann, "Labels", Payload.Of("blue")));

        var labels = Converge(Start(), insert, erase).Doc("Person", 1).Field("Labels").Strings();

        Assert.Equal(present, labels.Contains("blue"));
        Assert.Contains("red", labels);
    }

    [Fact]
    public void Concurrent_inserts_of_one_member_leave_it_once_and_different_members_both()
    {
        var left = Cs(100, 1, new SetInsert(Ann, "Labels", Payload.Of("blue")), new SetInsert(Ann, "Labels", Payload.Of("green")));
        var right = Cs(200, 2, new SetInsert(Ann, "Labels", Payload.Of("blue")), new SetErase(Ann, "Labels", Payload.Of("red")));

        Assert.Equal(["blue", "green"], Converge(Start(), left, right).Doc("Person", 1).Field("Labels").Strings());
    }

    [Fact]
    public void Set_members_are_exact_so_decimal_scale_is_kept()
    {
        var left = Cs(100, 1, new SetInsert(Ann, "Amounts", Payload.Of(1.0m)));
        var right = Cs(200, 2, new SetInsert(Ann, "Amounts", Payload.Of(1.00m)));

        var amounts = Converge(Start(), left, right).Doc("Person", 1).Field("Amounts").Items;

        Assert.Equal(["1.0", "1.00"], amounts.Select(a => a.Value.AsDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public void Dictionary_entries_merge_per_key_with_last_writer_wins_on_one_key()
    {
        var left = Cs(100, 1, new DictionarySet(Ann, "Scores", "math", Payload.Of(6)), new DictionarySet(Ann, "Scores", "art", Payload.Of(1)));
        var right = Cs(200, 2, new DictionarySet(Ann, "Scores", "math", Payload.Of(7)), new DictionarySet(Ann, "Scores", "gym", Payload.Of(2)));

        var scores = Converge(Start(), left, right).Doc("Person", 1).Field("Scores").Entries;

        Assert.Equal(["art", "gym", "math"], scores.Keys);
        Assert.Equal(7, scores["math"].Value.AsInt64());
    }

    [Fact]
    public void A_later_dictionary_erase_beats_an_earlier_set_and_an_earlier_erase_loses()
    {
        var set = Cs(100, 1, new DictionarySet(Ann, "Scores", "math", Payload.Of(9)));
        var laterErase = Cs(200, 2, new DictionaryErase(Ann, "Scores", "math"));
        var earlierErase = Cs(50, 2, new DictionaryErase(Ann, "Scores", "math"));

        Assert.False(Converge(Start(), set, laterErase).Doc("Person", 1).TryGetField("Scores", out _));
        Assert.Equal(9, Converge(Start(), set, earlierErase).Doc("Person", 1).Field("Scores").Entries["math"].Value.AsInt64());
    }

    [Fact]
    public void A_new_embedded_dictionary_entry_drops_concurrent_edits_of_the_old_entry()
    {
        var pet = Ann with { Path = [new PathElement("Pets", Key: "rex")] };
        var replace = Cs(100, 1, new DictionarySet(Ann, "Pets", "rex", Payload.NewEmbedded));
        var edit = Cs(200, 2, new SetField(pet, "Age", Payload.Of(4)));

        Assert.Equal(0, Converge(Start(), replace, edit).Doc("Person", 1).Field("Pets").Entries["rex"].Document!.FieldCount);
    }
}
