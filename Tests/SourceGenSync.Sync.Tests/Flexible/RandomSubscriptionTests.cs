using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Linq.Expressions;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;
using SourceGenSync.Sync.Tests.Models;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>
/// The same query means the same objects locally and through the server: random LINQ queries, subscribed to over
/// the network, leave a device holding exactly what the query returns on a device that holds everything.
/// </summary>
public sealed class RandomSubscriptionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Random_queries_select_the_same_objects_locally_and_through_the_server()
    {
        await using var server = await SyncTestServer.StartAsync();
        await using var writer = await FlexibleDevice.CreateAsync(server);
        using var everything = writer.Open();
        await everything.All<Note>().SubscribeAsync().WaitAsync(Deadline);

        var random = new Random(2026);
        string[] titles = ["alpha", "Beta", "gamma 2", "ÄRGER", "delta", "", "t12"];
        everything.Write(() =>
        {
            for (var i = 0; i < 150; i++)
            {
                var note = everything.Add(new Note
                {
                    Id = $"n{i:D3}",
                    OwnerId = $"o{random.Next(4)}",
                    IsPublic = random.Next(2) == 0,
                    Priority = random.Next(-2, 6),
                    Title = random.Next(6) == 0 ? null : titles[random.Next(titles.Length)],
                    Score = Math.Round(random.NextDouble() * 10 - 2, 2),
                });
                for (var s = random.Next(3); s > 0; s--)
                {
                    note.SharedWith.Add($"u{random.Next(5)}");
                }
            }
        });
        Assert.True(await everything.SyncSession.WaitForUploadAsync(Deadline));

        await using var reader = await FlexibleDevice.CreateAsync(server);
        using var realm = reader.Open();
        for (var q = 0; q < 40; q++)
        {
            var predicate = RandomPredicate(random, depth: 0);
            var query = realm.All<Note>().Where(predicate);
            realm.Subscriptions.Update(() => realm.Subscriptions.Add(query, "random"));
            await realm.Subscriptions.WaitForSynchronizationAsync().WaitAsync(Deadline);

            var expected = everything.All<Note>().Where(predicate).ToList().Select(n => n.Id).Order(StringComparer.Ordinal).ToArray();
            Assert.True(expected.SequenceEqual(FlexibleDevice.Ids(realm)), $"query {q}: {realm.Subscriptions[0].Query} selected [{string.Join(", ", FlexibleDevice.Ids(realm))}] through the server but [{string.Join(", ", expected)}] locally");
        }
    }

    [Fact]
    public async Task A_subscription_bootstrap_reports_progress_that_completes_only_with_the_data_in_the_file()
    {
        await using var server = await SyncTestServer.StartAsync("--Server:DownloadMessageBytes=8192");
        await using var writer = await FlexibleDevice.CreateAsync(server);
        using var everything = writer.Open();
        await everything.All<Note>().SubscribeAsync().WaitAsync(Deadline);
        everything.Write(() =>
        {
            for (var i = 0; i < 400; i++)
            {
                everything.Add(new Note { Id = $"n{i:D3}", OwnerId = "o", Priority = i % 2, Title = new string('x', 200) + i });
            }
        });
        Assert.True(await everything.SyncSession.WaitForUploadAsync(Deadline));

        await using var reader = await FlexibleDevice.CreateAsync(server);
        using var realm = reader.Open();
        Assert.True(await realm.SyncSession.WaitForDownloadAsync(Deadline));
        var reports = new ConcurrentQueue<(SyncProgress Progress, int NotesInFile)>();
        var config = reader.Config();
        using var token = realm.SyncSession.RegisterProgressNotifier(progress =>
        {
            // Counted in a fresh instance: what the file holds at the moment of the report.
            using var probe = Realm.Open(config);
            reports.Enqueue((progress, probe.All<Note>().Count()));
        }, ProgressDirection.Download, ProgressMode.ReportIndefinitely);

        await realm.All<Note>().Where(n => n.Priority == 1).SubscribeAsync().WaitAsync(Deadline);
        await Eventually.WaitAsync(() => reports.Any(r => r.Progress.IsComplete && r.NotesInFile == 200), Deadline, "a final progress report arrived");

        var list = reports.ToArray();
        Assert.Contains(list, r => r.Progress.ProgressEstimate is > 0 and < 1); // real progress, not 0 then 1
        Assert.All(list.Where(r => r.Progress.TransferableBytes > 0 && r.Progress.IsComplete), r => Assert.True(r.NotesInFile is 0 or 200));
        Assert.DoesNotContain(list, r => r.Progress.IsComplete && r.Progress.TransferredBytes > 100_000 && r.NotesInFile < 200);
        for (var i = 1; i < list.Length; i++)
        {
            Assert.True(list[i].Progress.TransferredBytes >= list[i - 1].Progress.TransferredBytes, "transferred bytes never go down");
        }
    }

    private static Expression<Func<Note, bool>> RandomPredicate(Random random, int depth)
    {
        if (depth < 2 && random.Next(3) == 0)
        {
            var left = RandomPredicate(random, depth + 1);
            var right = RandomPredicate(random, depth + 1);
            return random.Next(3) switch
            {
                0 => Combine(left, right, Expression.AndAlso),
                1 => Combine(left, right, Expression.OrElse),
                _ => Expression.Lambda<Func<Note, bool>>(Expression.Not(left.Body), left.Parameters),
            };
        }

        var p = random.Next(-2, 6);
        var d = Math.Round(random.NextDouble() * 10 - 2, 1);
        var owner = $"o{random.Next(5)}";
        var user = $"u{random.Next(6)}";
        string[] fragments = ["a", "ta", "2", "ä", "BETA", ""];
        var fragment = fragments[random.Next(fragments.Length)];
        var set = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(-2, 6)).ToArray();
        return random.Next(16) switch
        {
            0 => n => n.Priority == p,
            1 => n => n.Priority != p,
            2 => n => n.Priority < p,
            3 => n => n.Priority >= p,
            4 => n => n.Score > d,
            5 => n => n.Score <= d,
            6 => n => n.IsPublic,
            7 => n => n.OwnerId == owner,
            8 => n => n.Title == null,
            9 => n => n.Title != null,
            10 => n => n.Title!.Contains(fragment),
            11 => n => n.Title!.StartsWith(fragment, StringComparison.OrdinalIgnoreCase),
            12 => n => n.Title!.EndsWith(fragment),
            13 => n => set.Contains(n.Priority),
            14 => n => n.SharedWith.Contains(user),
            _ => n => n.Title == fragment,
        };
    }

    private static Expression<Func<Note, bool>> Combine(Expression<Func<Note, bool>> left, Expression<Func<Note, bool>> right, Func<Expression, Expression, BinaryExpression> op)
    {
        var parameter = left.Parameters[0];
        var body = new Rebind(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<Note, bool>>(op(left.Body, body), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
