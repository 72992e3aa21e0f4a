using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using SourceGenSync.Changesets;

namespace SourceGenSync.Runtime.Tests.Changesets;

// Changesets and values shared by the codec tests.
internal static class ChangesetSamples
{
    public static readonly ObjectRef Person = ObjectRef.TopLevel("Person", 7);

    /// <summary>The worked example of docs/changesets.md.</summary>
    public static Changeset DocumentedExample()
    {
        var home = new ObjectRef("Person", 7, [new PathElement("Home")]);
        return new Changeset(42, 1_700_000_000_000L << 16,
        [
            new CreateObject(Person),
            new SetField(Person, "Name", Payload.Of("Ann")),
            new SetField(Person, "Home", Payload.NewEmbedded),
            new SetField(home, "City", Payload.Of("Oslo")),
            new ListInsert(Person, "Dogs", 0, Payload.Link("Dog", 3)),
        ]);
    }

    /// <summary>The documented example's encoding, as printed in docs/changesets.md.</summary>
    public const string DocumentedExampleHex =
        "53474353" + "01" + "54" + "80808080ADF9E78B03" +
        "06" + "06506572736F6E" + "044E616D65" + "04486F6D65" + "0443697479" + "04446F6773" + "03446F67" +
        "05" +
        "0100010E00" +
        "0300010E00" + "01" + "0403416E6E" +
        "0300010E00" + "02" + "11" +
        "0300010E" + "010200" + "03" + "04044F736C6F" +
        "0500010E00" + "04" + "00" + "10050106" +
        "39FE6A30";

    /// <summary>Every instruction kind, embedded paths, links and several value types: a dense decoder workout.</summary>
    public static Changeset Rich()
    {
        var dog = ObjectRef.TopLevel("Dog", new ObjectId("507f1f77bcf86cd799439011"));
        var address = new ObjectRef("Person", 7, [new PathElement("Addresses", Index: 2)]);
        var deep = new ObjectRef("Person", "ann", [new PathElement("Pets", Key: "rex"), new PathElement("Tags", 1, "x")]);
        return new Changeset(3, 123_456_789,
        [
            new CreateObject(Person),
            new SetField(Person, "Name", Payload.Of("Ann")),
            new SetField(Person, "Born", Payload.Of(new DateTimeOffset(1990, 5, 17, 8, 30, 0, TimeSpan.FromHours(2)))),
            new SetField(Person, "Score", Payload.Of(-1.25)),
            new SetField(Person, "Ratio", Payload.Of(0.5f)),
            new SetField(Person, "Balance", Payload.Of(-12.3400m)),
            new SetField(Person, "Token", Payload.Of(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"))),
            new SetField(Person, "Photo", Payload.Of(new byte[] { 1, 2, 3 })),
            new SetField(Person, "Active", Payload.Of(true)),
            new SetField(Person, "Nickname", Payload.Of(RealmValue.Null)),
            new SetField(address, "Street", Payload.Of("Main St")),
            new AddCounter(Person, "Visits", -3),
            new ListInsert(Person, "Addresses", 0, Payload.NewEmbedded),
            new ListSet(Person, "Dogs", 1, Payload.Link("Dog", new ObjectId("507f1f77bcf86cd799439011"))),
            new ListErase(Person, "Dogs", 0),
            new SetInsert(Person, "Tags", Payload.Of("blue")),
            new SetErase(Person, "Tags", Payload.Of(5)),
            new DictionarySet(deep, "Notes", "mood", Payload.Of("😊")),
            new DictionaryErase(deep, "Notes", "old"),
            new CollectionClear(Person, "Tags"),
            new EraseObject(dog),
        ]);
    }

    public static readonly IReadOnlyDictionary<string, RealmValue> Values = new Dictionary<string, RealmValue>
    {
        ["null"] = RealmValue.Null,
        ["int zero"] = 0L,
        ["int minus one"] = -1L,
        ["int 63"] = 63L,
        ["int 64"] = 64L,
        ["int min"] = long.MinValue,
        ["int max"] = long.MaxValue,
        ["true"] = true,
        ["false"] = false,
        ["empty string"] = string.Empty,
        ["ascii string"] = "hello",
        ["unicode string"] = "Grüße, 世界 👋🏽 e\u0301 \u200F",
        ["string with NUL"] = "a\0b",
        ["empty data"] = Array.Empty<byte>(),
        ["small data"] = new byte[] { 0, 255, 128, 7 },
        ["float"] = 1.5f,
        ["float max"] = float.MaxValue,
        ["double"] = Math.PI,
        ["double min"] = double.MinValue,
        ["decimal max"] = decimal.MaxValue,
        ["decimal min"] = decimal.MinValue,
        ["decimal tiny"] = 0.0000000000000000000000000001m,
        ["objectid"] = new ObjectId("507f1f77bcf86cd799439011"),
        ["objectid empty"] = ObjectId.Empty,
        ["guid"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        ["guid empty"] = Guid.Empty,
        ["date"] = new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.FromMinutes(-210)),
        ["date min"] = DateTimeOffset.MinValue,
        ["date max"] = DateTimeOffset.MaxValue,
    };

    public static TheoryData<string> ValueNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Values.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    public static Changeset RoundTrip(Changeset changeset) => ChangesetCodec.Decode(ChangesetCodec.Encode(changeset));

    public static void AssertEquivalent(Changeset expected, Changeset actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Instructions.Count, actual.Instructions.Count);
        for (var i = 0; i < expected.Instructions.Count; i++)
        {
            Assert.Equal(expected.Instructions[i], actual.Instructions[i]);
        }
    }

    public static ImmutableArray<PathElement> PathOf(params PathElement[] elements) => [.. elements];
}
