using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using static SourceGenSync.Protocol.Tests.Merge.MergeAssert;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>Per-field last-writer-wins, counters and embedded-object replacement.</summary>
public sealed class FieldRuleTests
{
    private static readonly ObjectRef Ann = ObjectRef.TopLevel("Person", 1);
    private static readonly ObjectRef AnnHome = Ann with { Path = [new PathElement("Home")] };

    private static InMemoryDocumentSource Start() => State(
        new CreateObject(Ann),
        new SetField(Ann, "Name", Payload.Of("Ann")),
        new SetField(Ann, "Age", Payload.Of(30)),
        new SetField(Ann, "Home", Payload.NewEmbedded),
        new SetField(AnnHome, "City", Payload.Of("Oslo")));

    [Fact]
    public void Later_timestamp_wins_a_field_whichever_side_it_is_on()
    {
        var early = Cs(100, 1, new SetField(Ann, "Name", Payload.Of("Early")));
        var late = Cs(200, 2, new SetField(Ann, "Name", Payload.Of("Late")));

        Assert.Equal("Late", Converge(Start(), early, late).Doc("Person", 1).Field("Name").Value.AsString());
        Assert.Equal("Late", Converge(Start(), late, early).Doc("Person", 1).Field("Name").Value.AsString());
    }

    [Fact]
    public void Equal_timestamps_are_broken_by_the_larger_file_ident()
    {
        var fromFile7 = Cs(100, 7, new SetField(Ann, "Name", Payload.Of("Seven")));
        var fromFile3 = Cs(100, 3, new SetField(Ann, "Name", Payload.Of("Three")));

        Assert.Equal("Seven", Converge(Start(), fromFile3, fromFile7).Doc("Person", 1).Field("Name").Value.AsString());
        Assert.Equal("Seven", Converge(Start(), fromFile7, fromFile3).Doc("Person", 1).Field("Name").Value.AsString());
    }

    [Fact]
    public void Different_fields_of_one_object_both_apply()
    {
        var name = Cs(100, 1, new SetField(Ann, "Name", Payload.Of("Anna")));
        var age = Cs(50, 2, new SetField(Ann, "Age", Payload.Of(31)));

        var ann = Converge(Start(), name, age).Doc("Person", 1);

        Assert.Equal("Anna", ann.Field("Name").Value.AsString());
        Assert.Equal(31, ann.Field("Age").Value.AsInt64());
    }

    [Fact]
    public void Concurrent_counter_adds_sum()
    {
        var plus5 = Cs(100, 1, new AddCounter(Ann, "Age", 5), new AddCounter(Ann, "Age", 1));
        var minus2 = Cs(200, 2, new AddCounter(Ann, "Age", -2));

        Assert.Equal(34, Converge(Start(), plus5, minus2).Doc("Person", 1).Field("Age").Value.AsInt64());
    }

    [Fact]
    public void A_set_of_a_counter_field_beats_concurrent_adds_even_when_older()
    {
        var set = Cs(100, 1, new SetField(Ann, "Age", Payload.Of(0)));
        var add = Cs(200, 2, new AddCounter(Ann, "Age", 7));

        Assert.Equal(0, Converge(Start(), set, add).Doc("Person", 1).Field("Age").Value.AsInt64());
    }

    [Fact]
    public void A_new_embedded_object_drops_concurrent_edits_of_the_old_one_even_later_ones()
    {
        var replace = Cs(100, 1, new SetField(Ann, "Home", Payload.NewEmbedded), new SetField(AnnHome, "City", Payload.Of("Bergen")));
        var edit = Cs(900, 2, new SetField(AnnHome, "City", Payload.Of("Tromsø")), new SetField(AnnHome, "Zip", Payload.Of(9000)));

        var home = Converge(Start(), replace, edit).Doc("Person", 1).Field("Home").Document!;

        Assert.Equal("Bergen", home.Field("City").Value.AsString());
        Assert.False(home.TryGetField("Zip", out _));
    }

    [Fact]
    public void Concurrent_new_embedded_objects_last_writer_wins_with_its_contents()
    {
        var older = Cs(100, 1, new SetField(Ann, "Home", Payload.NewEmbedded), new SetField(AnnHome, "City", Payload.Of("Bergen")));
        var newer = Cs(200, 2, new SetField(Ann, "Home", Payload.NewEmbedded), new SetField(AnnHome, "Street", Payload.Of("Main")));

        var home = Converge(Start(), older, newer).Doc("Person", 1).Field("Home").Document!;

        Assert.Equal("Main", home.Field("Street").Value.AsString());
        Assert.False(home.TryGetField("City", out _));
    }

    [Fact]
    public void Setting_an_embedded_field_to_null_removes_concurrent_edits_inside_it()
    {
        var remove = Cs(100, 1, new SetField(Ann, "Home", Payload.Of(RealmValue.Null)));
        var edit = Cs(200, 2, new SetField(AnnHome, "City", Payload.Of("Bergen")));

        Assert.True(Converge(Start(), remove, edit).Doc("Person", 1).Field("Home").Value.IsNull);
    }

    [Fact]
    public void Concurrent_creates_of_one_primary_key_merge_into_one_object()
    {
        var bob = ObjectRef.TopLevel("Person", 2);
        var left = Cs(100, 1, new CreateObject(bob), new SetField(bob, "Name", Payload.Of("Bob")));
        var right = Cs(200, 2, new CreateObject(bob), new SetField(bob, "Age", Payload.Of(40)));

        var merged = Converge(Start(), left, right).Doc("Person", 2);

        Assert.Equal("Bob", merged.Field("Name").Value.AsString());
        Assert.Equal(40, merged.Field("Age").Value.AsInt64());
    }
}
