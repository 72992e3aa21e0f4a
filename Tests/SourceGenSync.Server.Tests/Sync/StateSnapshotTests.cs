using System.Collections.Immutable;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Server.Sync.Merge;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

public sealed class StateSnapshotTests
{
    [Fact]
    public void Applying_a_snapshot_to_an_empty_replica_reproduces_the_documents()
    {
        var person = TestSchema.Person(1);
        var source = new InMemoryDocumentSource();
        InstructionApplier.Apply(TestSchema.Changeset(1,
            new CreateObject(person),
            new SetField(person, "Name", Payload.Of("Ann")),
            new AddCounter(person, "Score", 4),
            new ListInsert(person, "Tags", 0, Payload.Of("a")),
            new ListInsert(person, "Tags", 1, Payload.Of("b")),
            new SetInsert(person, "Nicknames", Payload.Of("n")),
            new DictionarySet(person, "Points", "k", Payload.Of(3)),
            new SetField(person, "Dog", Payload.Link("Dog", "rex")),
            new SetField(person, "Home", Payload.NewEmbedded),
            new SetField(new ObjectRef("Person", 1, ImmutableArray.Create(new PathElement("Home"))), "City", Payload.Of("Oslo"))), source);
        Assert.True(source.TryGet("Person", 1, out var document));

        var replica = new InMemoryDocumentSource();
        var result = InstructionApplier.Apply(StateSnapshot.Instructions("Person", 1, document!), replica);

        Assert.Equal(0, result.Skipped);
        Assert.True(source.Equals(replica), source.Dump() + "\n---\n" + replica.Dump());
    }

    [Theory]
    [InlineData(7L)]
    [InlineData("text key")]
    public void Object_keys_round_trip_through_their_text_form(object key)
    {
        RealmValue value = key is long l ? l : (string)key;

        Assert.Equal(value, ObjectKeys.Parse(ObjectKeys.Format(value)));
    }
}
