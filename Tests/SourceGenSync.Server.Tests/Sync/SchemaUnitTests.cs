using System.Collections.Immutable;
using SourceGenSync.Changesets;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Sync.Schema;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

public sealed class SchemaUnitTests
{
    private static RealmSchema Schema => RealmSchema.Empty.Merge(TestSchema.Default, developmentMode: true).Schema!;

    [Theory]
    [InlineData("int", "None", "Int", false)]
    [InlineData("string?", "None", "String", true)]
    [InlineData("list<string>", "List", "String", false)]
    [InlineData("dictionary<double?>", "Dictionary", "Double", true)]
    [InlineData("set<objectid>", "Set", "ObjectId", false)]
    [InlineData("link:Dog", "None", "Link", true)]
    [InlineData("list<embedded:Address>", "List", "Embedded", false)]
    [InlineData("mixed", "None", "Mixed", true)]
    public void Type_names_parse(string text, string collection, string element, bool nullable)
    {
        Assert.True(PropertyTypeName.TryParse(text, out var type));
        Assert.Equal((collection, element, nullable), (type.Collection.ToString(), type.Element.ToString(), type.Nullable));
    }

    [Theory]
    [InlineData("")]
    [InlineData("list<int")]
    [InlineData("list<list<int>>")]
    [InlineData("set<embedded:Address>")]
    [InlineData("list<counter>")]
    [InlineData("link:")]
    [InlineData("Int")]
    public void Invalid_type_names_are_rejected(string text) => Assert.False(PropertyTypeName.TryParse(text, out _));

    [Fact]
    public void Schema_json_round_trips()
    {
        var json = RealmSchemaJson.Write(Schema);

        Assert.Equal(json, RealmSchemaJson.Write(RealmSchemaJson.Read(json)));
    }

    [Fact]
    public void A_link_to_a_missing_class_is_refused()
    {
        var (schema, _, error) = RealmSchema.Empty.Merge([TestSchema.Class("A", "_id", ClassKind.TopLevel, ("_id", "int"), ("B", "link:Missing"))], true);

        Assert.Null(schema);
        Assert.Contains("Missing", error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_changesets_of_every_instruction_kind_pass()
    {
        var person = TestSchema.Person(1);
        var home = new ObjectRef("Person", 1, ImmutableArray.Create(new PathElement("Home")));
        var changeset = TestSchema.Changeset(1,
            new CreateObject(person),
            new SetField(person, "_id", Payload.Of(1)),
            new SetField(person, "Name", Payload.Of(RealmValue.Null)),
            new SetField(person, "Birthday", Payload.Of(System.DateTimeOffset.UnixEpoch)),
            new AddCounter(person, "Score", 3),
            new ListInsert(person, "Tags", 0, Payload.Of("a")),
            new ListSet(person, "Tags", 0, Payload.Of("b")),
            new ListErase(person, "Tags", 0),
            new SetInsert(person, "Nicknames", Payload.Of("n")),
            new SetErase(person, "Nicknames", Payload.Of("n")),
            new DictionarySet(person, "Points", "k", Payload.Of(2)),
            new DictionaryErase(person, "Points", "k"),
            new CollectionClear(person, "Tags"),
            new SetField(person, "Dog", Payload.Link("Dog", "rex")),
            new SetField(person, "Home", Payload.NewEmbedded),
            new SetField(home, "City", Payload.Of("Oslo")),
            new EraseObject(person));

        Assert.Null(ChangesetValidator.Validate(changeset, Schema));
    }

    [Theory]
    [InlineData("pk-change")]
    [InlineData("counter-on-string")]
    [InlineData("null-in-non-nullable")]
    [InlineData("embedded-directly")]
    [InlineData("negative-index")]
    public void Invalid_instructions_are_named_in_the_error(string @case)
    {
        var person = TestSchema.Person(1);
        Instruction instruction = @case switch
        {
            "pk-change" => new SetField(person, "_id", Payload.Of(2)),
            "counter-on-string" => new AddCounter(person, "Name", 1),
            "null-in-non-nullable" => new ListInsert(person, "Tags", 0, Payload.Of(RealmValue.Null)),
            "embedded-directly" => new CreateObject(ObjectRef.TopLevel("Address", 1)),
            _ => new ListErase(person, "Tags", -1),
        };

        var error = ChangesetValidator.Validate(TestSchema.Changeset(1, instruction), Schema);

        Assert.NotNull(error);
        Assert.StartsWith("Instruction 0 (", error, System.StringComparison.Ordinal);
    }
}
