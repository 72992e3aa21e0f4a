using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// LocalApplier against the SDK itself: replaying a realm's change log into an empty file must reproduce the
/// realm's content, for every instruction kind, value type, embedded path and collection.
/// </summary>
public sealed class ChangeLogReplayTests : IDisposable
{
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Replaying_the_change_log_into_a_fresh_file_reproduces_every_object()
    {
        using (var realm = _files.Open("source"))
        {
            SyncWorkload.CreateAll(realm);
            SyncWorkload.ModifyAll(realm);
        }

        var log = _files.ChangeLog("source");
        Assert.Equal(
            ["AddCounter", "CollectionClear", "CreateObject", "DictionaryErase", "DictionarySet", "EraseObject", "ListErase", "ListInsert", "ListSet", "SetErase", "SetField", "SetInsert"],
            SyncWorkload.InstructionKinds(log));

        var reasons = new List<string>();
        var skipped = _files.ApplyTo("replica", log.SelectMany(c => c.Instructions), reasons);

        Assert.Empty(reasons);
        Assert.Equal(0, skipped);
        var expected = _files.Dump("source");
        Assert.Contains("Anna", expected, StringComparison.Ordinal);
        Assert.Equal(expected, _files.Dump("replica"));
    }

    [Fact]
    public void Replaying_changeset_by_changeset_matches_after_each_commit()
    {
        using var realm = _files.Open("source");
        SyncWorkload.CreateAll(realm);
        var applied = 0;
        void CatchUp()
        {
            var log = _files.ChangeLog("source");
            Assert.Equal(0, _files.ApplyTo("replica", log.Skip(applied).SelectMany(c => c.Instructions)));
            applied = log.Count;
            Assert.Equal(RealmDump.Of(realm), _files.Dump("replica"));
        }

        CatchUp();
        SyncWorkload.ModifyAll(realm);
        CatchUp();
    }

    [Fact]
    public void Embedded_rows_and_side_table_rows_are_deleted_with_their_owner()
    {
        using (var realm = _files.Open("source"))
        {
            SyncWorkload.CreateAll(realm);
            SyncWorkload.ModifyAll(realm);
            realm.Write(() =>
            {
                var a = realm.Find<SyncItem>("a")!;

                // Its embedded dictionary still holds a null value: removal must cope with it.
                Assert.Contains(a.Places, entry => entry.Key == "q" && entry.Value is null);
                realm.Remove(a);
            });
        }

        Assert.Equal(0, _files.ApplyTo("replica", _files.ChangeLog("source").SelectMany(c => c.Instructions)));
        foreach (var name in new[] { "source", "replica" })
        {
            // Only b is left: its home, nothing else embedded; a's lists, sets and dictionaries are gone.
            Assert.Equal(1L, _files.Scalar(name, "SELECT count(*) FROM \"class_SyncItem\""));
            Assert.Equal(1L, _files.Scalar(name, "SELECT count(*) FROM \"class_SyncAddress\""));
            Assert.Equal(0L, _files.Scalar(name, "SELECT count(*) FROM \"class_SyncGeo\""));
            Assert.Equal(0L, _files.Scalar(name, "SELECT count(*) FROM \"class_SyncItem.Addresses\""));
            Assert.Equal(0L, _files.Scalar(name, "SELECT count(*) FROM \"class_SyncAddress.Lines\""));
            Assert.Equal(0L, _files.Scalar(name, "SELECT count(*) FROM \"class_SyncItem.Places\""));
        }

        Assert.Equal(_files.Dump("source"), _files.Dump("replica"));
    }

    [Fact]
    public void Full_text_index_follows_applied_changes()
    {
        using (var realm = _files.Open("source"))
        {
            SyncWorkload.CreateAll(realm);
            SyncWorkload.ModifyAll(realm);
        }

        Assert.Equal(0, _files.ApplyTo("replica", _files.ChangeLog("source").SelectMany(c => c.Instructions)));
        Assert.Equal(1L, _files.Scalar("replica", "SELECT count(*) FROM \"fts_SyncNote.Body\" WHERE \"fts_SyncNote.Body\" MATCH 'slow'"));
        Assert.Equal(0L, _files.Scalar("replica", "SELECT count(*) FROM \"fts_SyncNote.Body\" WHERE \"fts_SyncNote.Body\" MATCH 'quick'"));
        Assert.Equal(0L, _files.Scalar("replica", "SELECT count(*) FROM \"fts_SyncNote.Body\" WHERE \"fts_SyncNote.Body\" MATCH 'lazy'"));
    }
}
