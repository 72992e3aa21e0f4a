using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using SourceGenSync.Changesets;
using Xunit.Abstractions;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// A bootstrap-sized download: 100,000 created objects with their fields. Checks the result (no timing assertion);
/// the measured rate goes to the test output.
/// </summary>
public sealed class ApplySpeedTests(ITestOutputHelper output) : IDisposable
{
    private const int Objects = 100_000;
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static IEnumerable<Instruction> Create(int i)
    {
        var item = ObjectRef.TopLevel("SyncItem", "item" + i);
        yield return new CreateObject(item);
        yield return new SetField(item, "Name", Payload.Of("name " + i));
        yield return new SetField(item, "Count", Payload.Of(i));
        yield return new SetField(item, "Score", Payload.Of(i * 0.5));
        yield return new SetField(item, "Hits", Payload.Of(0));
        yield return new SetField(item, "Next", i > 0 ? Payload.Link("SyncItem", "item" + (i - 1)) : Payload.Of(RealmValue.Null));
        yield return new SetField(item, "Home", Payload.Of(RealmValue.Null));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(Objects)]
    public void A_download_of_100000_new_objects_is_integrated(int changesets)
    {
        var store = _files.Store("file", ident: 2);
        var perChangeset = Objects / changesets;
        var download = SyncTestFiles.DownloadOf(
            Enumerable.Range(0, changesets).Select(c => ((long)c + 1, 3L, new Changeset(c + 1, 1, Enumerable.Range(c * perChangeset, perChangeset).SelectMany(Create).ToList()))),
            changesets);

        var clock = Stopwatch.StartNew();
        var result = store.Integrate([download]);
        clock.Stop();

        output.WriteLine($"{Objects:N0} objects ({Objects * 7:N0} instructions) in {changesets:N0} changeset(s): {clock.Elapsed.TotalMilliseconds:N0} ms, {Objects / clock.Elapsed.TotalSeconds:N0} objects/s");
        Assert.Equal(0, result.InstructionsSkipped);
        Assert.Equal(changesets, result.ChangesetsApplied);
        Assert.Equal((long)Objects, _files.Scalar("file", "SELECT count(*) FROM \"class_SyncItem\""));
        using var realm = _files.Open("file");
        var last = realm.Find<SyncItem>("item" + (Objects - 1))!;
        Assert.Equal("name " + (Objects - 1), last.Name);
        Assert.Equal((Objects - 1) * 0.5, last.Score);
        Assert.Equal("item" + (Objects - 2), last.Next!.Id);
    }
}
