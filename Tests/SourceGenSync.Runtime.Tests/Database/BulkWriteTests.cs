using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>
/// Large write transactions: their WAL checkpoint runs in the background after the commit (docs/benchmarks.md,
/// item 8), and the objects they add keep one identity whichever way they are reached.
/// </summary>
public sealed class BulkWriteTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_commit_over_a_mebibyte_is_durable_reopens_intact_and_is_checkpointed_into_the_database_file()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => ObjectId.GenerateNewId()).ToArray();
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() =>
            {
                foreach (var (id, i) in ids.Select((id, i) => (id, i)))
                {
                    realm.Add(new TodoItem { Id = id, Title = "item " + i, Priority = i % 7 });
                }
            });
        }

        // Closed (after any background checkpoint finished): the rows are in the database file itself, not only the WAL.
        var size = new FileInfo(_temp.FilePath).Length;
        Assert.True(size > 1024 * 1024, $"the database file holds the commit after the checkpoint ({size} bytes)");

        using var reopened = _temp.Open();
        Assert.Equal(20_000, reopened.All<TodoItem>().Count());
        Assert.Equal("item 12345", reopened.Find<TodoItem>(ids[12_345])!.Title);
        using var check = new SqliteConnection($"Data Source={_temp.FilePath}");
        check.Open();
        using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", integrity.ExecuteScalar());
    }

    [Fact]
    public void Objects_added_in_bulk_are_the_same_instances_by_primary_key_by_query_and_after_removal_are_gone()
    {
        var realm = _temp.Open();
        var added = realm.Write(() => Enumerable.Range(0, 500)
            .Select(i => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "t" + i, Priority = i }))
            .ToList());

        // A query materializes by row key: it must find the instances Add registered by primary key.
        var queried = realm.All<TodoItem>().Where(t => t.Priority >= 250).ToList();
        Assert.Equal(250, queried.Count);
        Assert.All(queried, t => Assert.Same(added[t.Priority], t));
        Assert.Same(added[7], realm.Find<TodoItem>(added[7].Id));

        var removed = added[300];
        var removedId = removed.Id;
        realm.Write(() => realm.Remove(removed));
        Assert.False(removed.IsValid);
        Assert.Null(realm.Find<TodoItem>(removedId));
        Assert.DoesNotContain(realm.All<TodoItem>().ToList(), t => ReferenceEquals(t, removed));

        // More adds after the removal keep every earlier instance reachable by both maps.
        var more = realm.Write(() => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "late", Priority = 1_000 }));
        Assert.Same(more, realm.All<TodoItem>().Where(t => t.Priority == 1_000).Single());
        Assert.Same(added[499], realm.All<TodoItem>().Where(t => t.Priority == 499).Single());
    }

    [Fact]
    public void Objects_a_bulk_insert_no_longer_holds_can_be_collected_before_the_commit_and_a_rollback_still_invalidates_those_held()
    {
        var realm = _temp.Open();
        var held = new System.Collections.Generic.List<TodoItem>();
        var dropped = new System.Collections.Generic.List<WeakReference>();
        var transaction = realm.BeginWrite();
        for (var i = 0; i < 2_000; i++)
        {
            AddOne(realm, i, held, dropped);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The transaction keeps no reference to the objects it created: the app decides what stays alive.
        Assert.True(dropped.Count(static w => w.IsAlive) < dropped.Count / 2, $"{dropped.Count(static w => w.IsAlive)} of {dropped.Count} dropped objects are still alive inside the transaction");
        Assert.All(held, static t => Assert.True(t.IsValid));
        var heldId = held[0].Id;

        transaction.Rollback();

        Assert.All(held, static t => Assert.False(t.IsValid));
        Assert.Empty(realm.All<TodoItem>());
        Assert.Null(realm.Find<TodoItem>(heldId));
    }

    // Separate method: no local of the JIT's keeps a dropped object alive past it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void AddOne(Realm realm, int i, System.Collections.Generic.List<TodoItem> held, System.Collections.Generic.List<WeakReference> dropped)
    {
        var item = realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "t" + i, Priority = i });
        if (i % 100 == 0)
        {
            held.Add(item);
        }
        else
        {
            dropped.Add(new WeakReference(item));
        }
    }
}
