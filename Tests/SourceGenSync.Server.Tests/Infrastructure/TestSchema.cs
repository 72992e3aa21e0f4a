using System;
using System.Collections.Generic;
using System.Threading;
using SourceGenSync.Changesets;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Server.Tests.Infrastructure;

/// <summary>The schema the tests bind with, and helpers that build changesets on it.</summary>
internal static class TestSchema
{
    private static long _counter;

    public static IReadOnlyList<ClassSchema> Default { get; } =
    [
        Class("Person", "_id", ClassKind.TopLevel,
            ("_id", "int"), ("Name", "string?"), ("Age", "int?"), ("Score", "counter"), ("Tags", "list<string>"),
            ("Nicknames", "set<string>"), ("Points", "dictionary<int>"), ("Dog", "link:Dog"), ("Home", "embedded:Address"),
            ("Birthday", "date?")),
        Class("Dog", "_id", ClassKind.TopLevel, ("_id", "string"), ("Name", "string?")),
        Class("Address", "", ClassKind.Embedded, ("City", "string?"), ("Street", "string?")),
        Class("Event", "_id", ClassKind.Asymmetric, ("_id", "int"), ("Kind", "string")),
    ];

    public static ClassSchema Class(string name, string primaryKey, ClassKind kind, params (string Name, string Type)[] properties)
    {
        var schema = new ClassSchema { Name = name, PrimaryKey = primaryKey, Kind = kind };
        foreach (var (propertyName, type) in properties)
        {
            schema.Properties.Add(new PropertySchema { Name = propertyName, Type = type });
        }

        return schema;
    }

    /// <summary>A hybrid logical clock value for now (Unix ms × 65,536 + a counter that keeps values distinct).</summary>
    public static long Now() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16) + (Interlocked.Increment(ref _counter) & 0xFFFF);

    public static ObjectRef Person(long id) => ObjectRef.TopLevel("Person", id);

    public static Changeset Changeset(long version, params Instruction[] instructions) => new(version, Now(), instructions);

    public static Changeset CreatePerson(long version, long id, string name) => Changeset(version,
        new CreateObject(Person(id)),
        new SetField(Person(id), "_id", Payload.Of(id)),
        new SetField(Person(id), "Name", Payload.Of(name)));

    public static Changeset SetName(long version, long id, string name) => Changeset(version, new SetField(Person(id), "Name", Payload.Of(name)));
}
