using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Write transactions: commit, rollback on exceptions, explicit transactions, nesting and concurrency.</summary>
public sealed class TransactionTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_commits_and_the_data_is_visible_to_another_instance()
    {
        var realm = _temp.Open();

        var result = realm.Write(() => realm.Add(new DbNode { Name = "a", Value = 5 }));

        Assert.Equal(5, result.Value);
        Assert.False(realm.IsInTransaction);
        Assert.Equal(5, _temp.Open().Find<DbNode>("a")!.Value);
    }

    [Fact]
    public void An_exception_inside_Write_rolls_back_adds_modifications_and_removals()
    {
        var realm = _temp.Open();
        var (kept, removed) = realm.Write(() => (realm.Add(new DbNode { Name = "kept", Value = 1 }), realm.Add(new DbNode { Name = "removed", Value = 2 })));
        var added = new DbNode { Name = "added", Value = 3 };

        var error = Assert.Throws<InvalidOperationException>(() => realm.Write(() =>
        {
            realm.Add(added);
            kept.Value = 100;
            realm.Remove(removed);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("boom", error.Message);
        Assert.False(realm.IsInTransaction);
        Assert.False(added.IsValid);
        Assert.Null(realm.Find<DbNode>("added"));
        Assert.Equal(1, kept.Value);
        Assert.True(removed.IsValid);
        Assert.Equal(2, removed.Value);
        Assert.Same(removed, realm.Find<DbNode>("removed"));
        Assert.Equal(2, realm.All<DbNode>().Count());
        Assert.Equal(1L, _temp.Scalar("SELECT count(*) FROM sgs_changesets"));
    }

    [Fact]
    public void A_rolled_back_link_change_restores_the_previous_target()
    {
        var realm = _temp.Open();
        var (a, b) = realm.Write(() => (realm.Add(new DbNode { Name = "a" }), realm.Add(new DbNode { Name = "b" })));

        Assert.ThrowsAny<Exception>(() => realm.Write(() =>
        {
            a.Next = b;
            realm.Add(new DbNode { Name = "a" });
        }));

        Assert.Null(a.Next);
        Assert.Null(_temp.Open().Find<DbNode>("a")!.Next);
    }

    [Fact]
    public void BeginWrite_and_Commit_persist_and_the_transaction_reports_its_state()
    {
        var realm = _temp.Open();

        var transaction = realm.BeginWrite();
        Assert.Equal(TransactionState.Running, transaction.State);
        Assert.True(realm.IsInTransaction);
        realm.Add(new DbNode { Name = "t" });
        transaction.Commit();
        transaction.Dispose();

        Assert.Equal(TransactionState.Committed, transaction.State);
        Assert.False(realm.IsInTransaction);
        Assert.NotNull(_temp.Open().Find<DbNode>("t"));
    }

    [Fact]
    public void Rollback_discards_changes_and_Dispose_after_rollback_does_nothing()
    {
        var realm = _temp.Open();
        var node = realm.Write(() => realm.Add(new DbNode { Name = "n", Value = 1 }));

        var transaction = realm.BeginWrite();
        node.Value = 2;
        transaction.Rollback();
        transaction.Dispose();

        Assert.Equal(TransactionState.RolledBack, transaction.State);
        Assert.Equal(1, node.Value);
        Assert.Equal(1, _temp.Open().Find<DbNode>("n")!.Value);
        realm.Write(() => node.Value = 3);
        Assert.Equal(3, node.Value);
    }

    [Fact]
    public void Disposing_an_uncommitted_transaction_rolls_it_back()
    {
        var realm = _temp.Open();

        using (var transaction = realm.BeginWrite())
        {
            realm.Add(new DbNode { Name = "never" });
        }

        Assert.False(realm.IsInTransaction);
        Assert.Null(realm.Find<DbNode>("never"));
        Assert.Empty(realm.All<DbNode>());
    }

    [Fact]
    public void Committing_or_rolling_back_an_ended_transaction_throws_RealmInvalidTransactionException()
    {
        var realm = _temp.Open();
        var committed = realm.BeginWrite();
        committed.Commit();
        var rolledBack = realm.BeginWrite();
        rolledBack.Rollback();

        var twice = Assert.Throws<RealmInvalidTransactionException>(() => committed.Commit());
        Assert.Contains("already committed", twice.Message, StringComparison.Ordinal);
        Assert.Throws<RealmInvalidTransactionException>(() => committed.Rollback());
        Assert.Throws<RealmInvalidTransactionException>(() => rolledBack.Commit());
        Assert.Contains("rolled back", Assert.Throws<RealmInvalidTransactionException>(() => rolledBack.Rollback()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_write_in_the_same_flow_throws_and_the_outer_transaction_still_commits()
    {
        var realm = _temp.Open();

        realm.Write(() =>
        {
            realm.Add(new DbNode { Name = "outer" });
            var nested = Assert.Throws<RealmInvalidTransactionException>(() => realm.Write(() => realm.Add(new DbNode { Name = "inner" })));
            Assert.Contains("nested", nested.Message, StringComparison.Ordinal);
            Assert.Throws<RealmInvalidTransactionException>(() => realm.BeginWrite());
        });

        Assert.NotNull(realm.Find<DbNode>("outer"));
        Assert.Null(realm.Find<DbNode>("inner"));
    }

    [Fact]
    public async Task A_nested_WriteAsync_inside_Write_throws_instead_of_deadlocking()
    {
        var realm = _temp.Open();
        Task? nested = null;

        realm.Write(() => { nested = realm.WriteAsync(() => { }); });

        await Assert.ThrowsAsync<RealmInvalidTransactionException>(() => nested!.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Two_threads_writing_the_same_instance_are_serialized_and_both_commits_land()
    {
        var realm = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "counter" }));
        using var go = new Barrier(2);

        void Increment()
        {
            go.SignalAndWait();
            for (var i = 0; i < 50; i++)
            {
                realm.Write(() => realm.Find<DbNode>("counter")!.Value++);
            }
        }

        var first = new Thread(Increment);
        var second = new Thread(Increment);
        first.Start();
        second.Start();
        Assert.True(first.Join(TimeSpan.FromSeconds(30)));
        Assert.True(second.Join(TimeSpan.FromSeconds(30)));

        Assert.Equal(100, realm.Find<DbNode>("counter")!.Value);
        Assert.Equal(100, _temp.Open().Find<DbNode>("counter")!.Value);
    }

    [Fact]
    public async Task Two_instances_on_the_same_file_writing_from_two_threads_both_commit()
    {
        var one = _temp.Open();
        var two = _temp.Open();
        using var go = new Barrier(2);

        Task Writer(Realm realm, string prefix) => Task.Factory.StartNew(() =>
        {
            go.SignalAndWait();
            for (var i = 0; i < 25; i++)
            {
                realm.Write(() => realm.Add(new DbNode { Name = prefix + i, Value = i }));
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(Writer(one, "a"), Writer(two, "b")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(50, _temp.Open().All<DbNode>().Count());
        Assert.Equal(50L, _temp.Scalar("SELECT count(*) FROM sgs_changesets"));
    }

    [Fact]
    public async Task WriteAsync_from_several_tasks_commits_every_write()
    {
        var realm = _temp.Open();

        var writes = Enumerable.Range(0, 20).Select(i => Task.Run(() => realm.WriteAsync(() => realm.Add(new DbNode { Name = "n" + i, Value = i })))).ToArray();
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(60));
        var sum = await realm.WriteAsync(() => realm.All<DbNode>().Sum(n => n.Value));

        Assert.Equal(20, realm.All<DbNode>().Count());
        Assert.Equal(Enumerable.Range(0, 20).Sum(), sum);
        Assert.False(realm.IsInTransaction);
    }

    [Fact]
    public async Task WriteAsync_with_an_exception_rolls_back_and_rethrows()
    {
        var realm = _temp.Open();

        await Assert.ThrowsAsync<InvalidOperationException>(() => realm.WriteAsync(() =>
        {
            realm.Add(new DbNode { Name = "x" });
            throw new InvalidOperationException("no");
        }));

        Assert.Empty(realm.All<DbNode>());
        await realm.WriteAsync(() => realm.Add(new DbNode { Name = "y" }));
        Assert.Single(realm.All<DbNode>());
    }

    [Fact]
    public async Task WriteAsync_with_a_cancelled_token_waiting_for_the_lock_throws_and_releases_nothing_it_did_not_take()
    {
        var realm = _temp.Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => realm.WriteAsync(() => realm.Add(new DbNode { Name = "c" }), cancelled.Token));

        realm.Write(() => realm.Add(new DbNode { Name = "after" }));
        Assert.Null(realm.Find<DbNode>("c"));
        Assert.NotNull(realm.Find<DbNode>("after"));
    }

    [Fact]
    public void Disposing_a_realm_with_an_open_transaction_rolls_it_back()
    {
        var realm = Realm.Open(_temp.Config);
        var transaction = realm.BeginWrite();
        realm.Add(new DbNode { Name = "lost" });

        realm.Dispose();
        transaction.Dispose();

        Assert.Equal(TransactionState.RolledBack, transaction.State);
        Assert.Null(_temp.Open().Find<DbNode>("lost"));
    }
}
