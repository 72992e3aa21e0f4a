using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>LocalApplier is total: anything that does not fit is skipped and counted, and the rest still applies.</summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly ObjectRef s_a = ObjectRef.TopLevel("SyncItem", "a");
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, Instruction> Misfits() => new()
    {
        { "unknown class", new CreateObject(ObjectRef.TopLevel("Nope", "a")) },
        { "embedded class as top level", new CreateObject(ObjectRef.TopLevel("SyncAddress", 1)) },
        { "primary key of the wrong type", new CreateObject(ObjectRef.TopLevel("SyncItem", 5)) },
        { "CreateObject with a path", new CreateObject(new ObjectRef("SyncItem", "a", [new PathElement("Home")])) },
        { "missing object", new SetField(ObjectRef.TopLevel("SyncItem", "zzz"), "Name", Payload.Of("x")) },
        { "erase missing object", new EraseObject(ObjectRef.TopLevel("SyncItem", "zzz")) },
        { "unknown field", new SetField(s_a, "Nope", Payload.Of("x")) },
        { "wrong value type", new SetField(s_a, "Name", Payload.Of(5)) },
        { "null where not nullable", new SetField(s_a, "Count", Payload.Of(RealmValue.Null)) },
        { "change of primary key", new SetField(s_a, "Id", Payload.Of("b")) },
        { "SetField on a collection", new SetField(s_a, "Tags", Payload.Of("x")) },
        { "NewEmbedded on a scalar", new SetField(s_a, "Name", Payload.NewEmbedded) },
        { "plain value on an embedded field", new SetField(s_a, "Home", Payload.Of("x")) },
        { "link to the wrong class", new SetField(s_a, "Next", Payload.Link("SyncNote", "a")) },
        { "link with a key of the wrong type", new SetField(s_a, "Next", Payload.Link("SyncItem", 3)) },
        { "link on a scalar", new SetField(s_a, "Name", Payload.Link("SyncItem", "a")) },
        { "AddCounter on a string", new AddCounter(s_a, "Name", 1) },
        { "list index past the end", new ListInsert(s_a, "Tags", 5, Payload.Of("x")) },
        { "negative list index", new ListErase(s_a, "Tags", -1) },
        { "ListSet out of range", new ListSet(s_a, "Tags", 3, Payload.Of("x")) },
        { "list instruction on a set", new ListInsert(s_a, "Numbers", 0, Payload.Of(1)) },
        { "set instruction on a list", new SetInsert(s_a, "Tags", Payload.Of("x")) },
        { "wrong set element type", new SetInsert(s_a, "Numbers", Payload.Of("x")) },
        { "dictionary instruction on a list", new DictionarySet(s_a, "Tags", "k", Payload.Of("x")) },
        { "null list element", new ListInsert(s_a, "Related", 0, Payload.Of(RealmValue.Null)) },
        { "path through a scalar", new SetField(new ObjectRef("SyncItem", "a", [new PathElement("Name")]), "City", Payload.Of("x")) },
        { "path to an empty embedded field", new SetField(new ObjectRef("SyncItem", "a", [new PathElement("Home")]), "City", Payload.Of("x")) },
        { "path index out of range", new SetField(new ObjectRef("SyncItem", "a", [new PathElement("Addresses", 9)]), "City", Payload.Of("x")) },
        { "path key missing", new SetField(new ObjectRef("SyncItem", "a", [new PathElement("Places", Key: "none")]), "City", Payload.Of("x")) },
        { "path with index and key", new SetField(new ObjectRef("SyncItem", "a", [new PathElement("Addresses", 0, "k")]), "City", Payload.Of("x")) },
        { "path index on a dictionary", new SetField(new ObjectRef("SyncItem", "a", [new PathElement("Places", 0)]), "City", Payload.Of("x")) },
        { "unknown field on an embedded object", new SetField(new ObjectRef("SyncItem", "a", [new PathElement("Addresses", 0)]), "Nope", Payload.Of("x")) },
        { "collection clear on a scalar", new CollectionClear(s_a, "Name") },
        { "DateTime with kind 3", new SetField(ObjectRef.TopLevel("AllTypes", "k"), "Timestamp", Payload.Of(-1L)) },
        { "mixed holding a link", new DictionarySet(s_a, "Props", "k", Payload.Link("SyncItem", "a")) },
    };

    [Theory]
    [MemberData(nameof(Misfits))]
    public void An_instruction_that_does_not_fit_is_skipped_and_the_rest_applies(string what, Instruction misfit)
    {
        var setup = new List<Instruction>
        {
            new CreateObject(s_a),
            new ListInsert(s_a, "Addresses", 0, Payload.NewEmbedded),
            new CreateObject(ObjectRef.TopLevel("AllTypes", "k")),
        };
        Assert.Equal(0, _files.ApplyTo("file", setup));
        var before = _files.Dump("file");

        var reasons = new List<string>();
        var skipped = _files.ApplyTo("file", [misfit, new SetField(s_a, "Name", Payload.Of("still applied"))], reasons);

        Assert.True(skipped == 1, $"{what}: {string.Join("; ", reasons)}");
        Assert.Single(reasons);
        Assert.Equal(before.Replace("Name=\"\"", "Name=\"still applied\"", StringComparison.Ordinal), _files.Dump("file"));
    }

    [Fact]
    public void Integrate_counts_skipped_instructions_and_keeps_only_applied_ones_in_the_log()
    {
        var store = _files.Store("file", ident: 2);
        var remote = new Changeset(1, 1,
        [
            new CreateObject(s_a),
            new SetField(s_a, "Name", Payload.Of(3.5)),
            new SetField(ObjectRef.TopLevel("Nope", 1), "x", Payload.Of(1)),
            new ListErase(s_a, "Tags", 0),
            new SetField(s_a, "Count", Payload.Of(4)),
        ]);

        var result = store.Integrate([SyncTestFiles.DownloadOf([(1, 3, remote)], 1)]);

        Assert.Equal(3, result.InstructionsSkipped);
        Assert.Equal(1, result.ChangesetsApplied);
        var appended = _files.ChangeLog("file")[^1];
        Assert.Equal([typeof(CreateObject), typeof(SetField)], appended.Instructions.Select(i => i.GetType()));
    }

    [Fact]
    public void A_changeset_with_nothing_that_fits_leaves_no_trace_but_moves_the_cursor()
    {
        var store = _files.Store("file", ident: 2);
        var result = store.Integrate([SyncTestFiles.DownloadOf([(1, 3, new Changeset(1, 1, [new EraseObject(s_a)]))], 4)]);

        Assert.Equal(new Internal.Sync.IntegrationResult(4, 0, 0, result.BytesApplied, 1), result);
        Assert.Empty(_files.ChangeLog("file"));
        Assert.Equal(4, store.ReadState().DownloadCursor);
    }
}
