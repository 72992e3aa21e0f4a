using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using static SourceGenSync.Protocol.Tests.Merge.MergeAssert;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>Erase wins: over edits of the object and inside it, over concurrent creates, and over links to it.</summary>
public sealed class EraseRuleTests
{
    private static readonly ObjectRef Ann = ObjectRef.TopLevel("Person", 1);
    private static readonly ObjectRef Rex = ObjectRef.TopLevel("Dog", 1);
    private static readonly ObjectRef Fido = ObjectRef.TopLevel("Dog", 2);

    private static InMemoryDocumentSource Start() => State(
        new CreateObject(Ann),
        new SetField(Ann, "Home", Payload.NewEmbedded),
        new ListInsert(Ann, "Tags", 0, Payload.Of("x")),
        new CreateObject(Rex),
        new SetField(Rex, "Name", Payload.Of("Rex")),
        new CreateObject(Fido));

    [Fact]
    public void Erase_beats_a_later_update_of_the_object()
    {
        var erase = Cs(100, 1, new EraseObject(Rex));
        var update = Cs(500, 2, new SetField(Rex, "Name", Payload.Of("Max")), new AddCounter(Rex, "Age", 1));

        Assert.False(Converge(Start(), erase, update).TryGet("Dog", 1, out _));
    }

    [Fact]
    public void Erase_beats_edits_inside_the_objects_embedded_objects_and_collections()
    {
        var erase = Cs(100, 1, new EraseObject(Ann));
        var edit = Cs(500, 2,
            new SetField(Ann with { Path = [new PathElement("Home")] }, "City", Payload.Of("Oslo")),
            new ListInsert(Ann, "Tags", 1, Payload.Of("y")));

        Assert.False(Converge(Start(), erase, edit).TryGet("Person", 1, out _));
    }

    [Fact]
    public void Concurrent_erases_of_one_object_both_vanish()
    {
        var left = Cs(100, 1, new EraseObject(Rex));
        var right = Cs(200, 2, new EraseObject(Rex));

        var result = ChangesetTransformer.Transform([left], [right]);

        Assert.Empty(result.Left[0].Changeset.Instructions);
        Assert.Empty(result.Right[0].Changeset.Instructions);
        Assert.False(Converge(Start(), left, right).TryGet("Dog", 1, out _));
    }

    [Fact]
    public void An_object_recreated_after_its_own_erase_survives_a_concurrent_erase()
    {
        var erase = Cs(900, 1, new EraseObject(Rex));
        var recreate = Cs(100, 2, new EraseObject(Rex), new CreateObject(Rex), new SetField(Rex, "Name", Payload.Of("Rex II")));

        Assert.Equal("Rex II", Converge(Start(), erase, recreate).Doc("Dog", 1).Field("Name").Value.AsString());
    }

    [Fact]
    public void Erase_beats_a_concurrent_create_of_the_same_key()
    {
        var bob = ObjectRef.TopLevel("Person", 2);
        var createThenErase = Cs(100, 1, new CreateObject(bob), new EraseObject(bob));
        var create = Cs(200, 2, new CreateObject(bob), new SetField(bob, "Name", Payload.Of("Bob")));

        Assert.False(Converge(Start(), createThenErase, create).TryGet("Person", 2, out _));
    }

    [Fact]
    public void A_link_field_set_to_an_object_erased_concurrently_becomes_null()
    {
        var erase = Cs(100, 1, new EraseObject(Rex));
        var link = Cs(500, 2, new SetField(Ann, "Dog", Payload.Link("Dog", 1)));

        var result = ChangesetTransformer.Transform([erase], [link]);
        var ann = Converge(Start(), erase, link).Doc("Person", 1);

        Assert.True(ann.Field("Dog").Value.IsNull);
        Assert.Equal(2, result.Left[0].Changeset.Instructions.Count); // the erase side removes the link it never saw
    }

    [Fact]
    public void A_list_insert_of_a_link_to_an_erased_object_disappears_without_shifting_the_next_insert()
    {
        var erase = Cs(100, 1, new EraseObject(Rex));
        var inserts = Cs(500, 2,
            new ListInsert(Ann, "Dogs", 0, Payload.Link("Dog", 1)),
            new ListInsert(Ann, "Dogs", 1, Payload.Link("Dog", 2)),
            new ListInsert(Ann, "Tags", 0, Payload.Of("first")));

        var ann = Converge(Start(), erase, inserts).Doc("Person", 1);

        var dogs = Assert.Single(ann.Field("Dogs").Items);
        Assert.Equal(2, dogs.Value.AsInt64());
        Assert.Equal(["first", "x"], ann.Field("Tags").Strings());
    }

    [Fact]
    public void Set_members_list_elements_and_dictionary_entries_linking_to_an_erased_object_are_removed()
    {
        var start = Start();
        InstructionApplier.Apply(new ListInsert(Ann, "Dogs", 0, Payload.Link("Dog", 2)), start);
        var erase = Cs(100, 1, new EraseObject(Rex));
        var links = Cs(500, 2,
            new SetInsert(Ann, "Pack", Payload.Link("Dog", 1)),
            new SetInsert(Ann, "Pack", Payload.Link("Dog", 2)),
            new ListSet(Ann, "Dogs", 0, Payload.Link("Dog", 1)),
            new DictionarySet(Ann, "ByName", "rex", Payload.Link("Dog", 1)));

        var ann = Converge(start, erase, links).Doc("Person", 1);

        Assert.Equal(2, Assert.Single(ann.Field("Pack").Items).Value.AsInt64());
        Assert.False(ann.TryGetField("Dogs", out _)); // the replaced element is gone with its new link
        Assert.True(ann.Field("ByName").Entries["rex"].Value.IsNull);
    }

    [Fact]
    public void Removing_a_link_to_an_erased_object_is_not_a_conflict()
    {
        var start = Start();
        InstructionApplier.Apply(new SetInsert(Ann, "Pack", Payload.Link("Dog", 1)), start);
        var erase = Cs(100, 1, new SetErase(Ann, "Pack", Payload.Link("Dog", 1)), new EraseObject(Rex));
        var remove = Cs(200, 2, new SetErase(Ann, "Pack", Payload.Link("Dog", 1)));

        var result = Converge(start, erase, remove);

        Assert.False(result.Doc("Person", 1).TryGetField("Pack", out _));
        Assert.False(result.TryGet("Dog", 1, out _));
    }
}
