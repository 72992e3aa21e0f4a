using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>A realm is not thread-confined: reads from many threads while another thread writes.</summary>
public sealed class ThreadingTests : IDisposable
{
    private const int Accounts = 20;
    private const int Total = Accounts * 100;

    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Concurrent_reads_from_many_threads_while_another_instance_writes_see_only_committed_states()
    {
        var reader = _temp.Open();
        var writer = _temp.Open();
        writer.Write(() => writer.Add(Enumerable.Range(0, Accounts).Select(i => new DbNode { Name = "acc" + i, Value = 100 })));
        reader.Refresh();
        var errors = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();

        // Moves 1 between two accounts per commit: every committed state has the same total.
        var writing = Task.Factory.StartNew(() =>
        {
            var random = new Random(7);
            for (var i = 0; i < 200; i++)
            {
                var from = "acc" + random.Next(Accounts);
                var to = "acc" + random.Next(Accounts);
                writer.Write(() =>
                {
                    writer.Find<DbNode>(from)!.Value--;
                    writer.Find<DbNode>(to)!.Value++;
                });
            }
        }, TaskCreationOptions.LongRunning);

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                var sum = reader.All<DbNode>().Sum(n => n.Value);
                if (sum != Total)
                {
                    throw new InvalidOperationException($"A query saw the uncommitted total {sum}.");
                }

                var node = reader.Find<DbNode>("acc" + (i % Accounts)) ?? throw new InvalidOperationException("Find returned null.");
                if (node.Value is < 0 or > Total)
                {
                    throw new InvalidOperationException($"Read the impossible value {node.Value}.");
                }

                _ = reader.All<DbNode>().Where(n => n.Value > 100).OrderBy(n => n.Name).ToList();
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        });

        await writing.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(errors);
        reader.Refresh();
        Assert.Equal(Total, reader.All<DbNode>().Sum(n => n.Value));
    }

    [Fact]
    public async Task A_second_instance_on_another_thread_sees_only_committed_data_while_a_write_is_open()
    {
        // One Realm instance is one view (its live objects are shared, so its own readers see the open
        // transaction's writes); isolation between threads comes from separate instances, as in Realm.
        var realm = _temp.Open();
        var other = _temp.Open();
        realm.Write(() => realm.Add(new DbNode { Name = "committed" }));

        int seenByOther;
        int seenBySameInstance;
        using (var transaction = realm.BeginWrite())
        {
            realm.Add(new DbNode { Name = "uncommitted" });
            seenBySameInstance = realm.All<DbNode>().Count();
            seenByOther = await Task.Run(() =>
            {
                other.Refresh();
                return other.All<DbNode>().Count();
            });
            transaction.Rollback();
        }

        Assert.Equal(2, seenBySameInstance);
        Assert.Equal(1, seenByOther);
        Assert.Equal(1, realm.All<DbNode>().Count());
    }

    [Fact]
    public void Finds_and_queries_materializing_objects_on_many_threads_keep_the_identity_map_consistent()
    {
        using (var writer = Realm.Open(_temp.Config))
        {
            writer.Write(() => writer.Add(Enumerable.Range(0, 3000).Select(i => new DbNode { Name = "n" + i, Value = i })));
        }

        var realm = _temp.Open();
        var seen = new ConcurrentDictionary<string, DbNode>();
        var errors = new ConcurrentQueue<Exception>();

        Parallel.For(0, 12000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                var name = "n" + (i * 7919 % 3000);
                var node = realm.Find<DbNode>(name)!;
                if (!ReferenceEquals(seen.GetOrAdd(name, node), node) || node.Name != name)
                {
                    throw new InvalidOperationException($"Two objects for '{name}'.");
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        });

        Assert.Empty(errors);
    }

    [Fact]
    public void Parallel_Find_of_the_same_key_returns_one_instance()
    {
        using (var writer = Realm.Open(_temp.Config))
        {
            writer.Write(() => writer.Add(new DbNode { Name = "shared", Value = 1 }));
        }

        var realm = _temp.Open();
        var found = new ConcurrentBag<DbNode>();

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => found.Add(realm.Find<DbNode>("shared")!));

        Assert.Single(found.Distinct());
    }

    [Fact]
    public async Task Async_code_can_await_between_operations_and_continue_on_the_thread_pool()
    {
        var realm = _temp.Open();
        var node = await realm.WriteAsync(() => realm.Add(new DbNode { Name = "n", Value = 1 }));

        await Task.Yield();
        await Task.Run(() => realm.Write(() => node.Value = 2));
        var afterHop = Environment.CurrentManagedThreadId;
        await Task.Delay(1);
        await realm.WriteAsync(() => node.Value++);
        var query = realm.All<DbNode>().Where(n => n.Value == 3);
        var name = await Task.Run(() => query.Single().Name);

        Assert.Equal(3, node.Value);
        Assert.Equal("n", name);
        Assert.True(afterHop > 0);
        Assert.Equal(3, _temp.Open().Find<DbNode>("n")!.Value);
    }

    [Fact]
    public async Task A_transaction_begun_on_one_thread_can_be_committed_on_another()
    {
        var realm = _temp.Open();
        var transaction = realm.BeginWrite();
        realm.Add(new DbNode { Name = "hop" });

        await Task.Run(transaction.Commit);

        Assert.Equal(TransactionState.Committed, transaction.State);
        Assert.False(realm.IsInTransaction);
        realm.Write(() => realm.Add(new DbNode { Name = "after" }));
        Assert.Equal(2, realm.All<DbNode>().Count());
    }

    [Fact]
    public void Writers_on_many_threads_of_one_instance_lose_no_update()
    {
        var realm = _temp.Open();
        var todo = realm.Write(() => realm.Add(new TodoItem { Id = ObjectId.GenerateNewId(), Title = "t" }));

        Parallel.For(0, 100, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => realm.Write(() => todo.Views.Increment()));

        Assert.Equal(100L, todo.Views.Value);
        Assert.Equal(100L, _temp.Open().Find<TodoItem>(todo.Id)!.Views.Value);
    }
}
