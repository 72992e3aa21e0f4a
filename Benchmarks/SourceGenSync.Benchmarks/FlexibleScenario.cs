using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Benchmarks.Models;
using SourceGenSync.Server.Hosting;
using SourceGenSync.Sync;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// The "flexible" scenario: flexible sync on an in-process server with a read rule (`IsActive == true`). A writer
/// that sees everything fills the server; a reader subscribes to a range of it and the clock runs until the set is
/// Complete (the objects are in its file), then changes the range (objects leave and enter), then times single
/// changes of a viewed object from writer to reader. Table, then JSON as the last line. No goals: figures only.
/// </summary>
internal static class FlexibleScenario
{
    public static int Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(bool quick)
    {
        var total = quick ? 10_000 : 50_000;
        var changes = quick ? 100 : 300;
        var root = Path.Combine(Path.GetTempPath(), "sgs-flexbench-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"Flexible scenario: {total:N0} objects on the server (half readable), subscription bootstrap and change, {changes} single changes; files in {root}");
        var server = await SyncServerHost.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0", "--data", Path.Combine(root, "server"), "--Logging:LogLevel:Default=Warning",
            "--Rules:Classes:BenchItem:Read=IsActive == true", "--Rules:Classes:BenchItem:Write=TRUEPREDICATE",
        ]);
        var apps = new List<App>();
        var realms = new List<Realm>();
        try
        {
            await server.StartAsync();
            var address = new Uri(server.Urls.First());
            var writer = await OpenAsync(address, Path.Combine(root, "writer"), apps, realms);
            await SubscribeAsync(writer, writer.All<BenchItem>());
            for (var done = 0; done < total; done += 10_000)
            {
                var start = done;
                writer.Write(() =>
                {
                    for (var i = start; i < Math.Min(total, start + 10_000); i++)
                    {
                        writer.Add(new BenchItem { Id = ObjectId.GenerateNewId(), Name = "item " + i, Quantity = i, Price = i * 0.5, IsActive = (i & 1) == 0 });
                    }
                });
            }

            await Bounded(writer.SyncSession.WaitForUploadAsync(CancellationToken.None));
            var results = new Dictionary<string, double>(StringComparer.Ordinal);

            var reader = await OpenAsync(address, Path.Combine(root, "reader"), apps, realms);
            var half = total / 2;
            var stopwatch = Stopwatch.StartNew();
            await SubscribeAsync(reader, reader.All<BenchItem>().Where(b => b.Quantity < half), "range");
            var bootstrap = stopwatch.Elapsed;
            var held = reader.All<BenchItem>().Count();
            Expect(held == half / 2, $"the reader holds {held:N0} objects after subscribing, expected {half / 2:N0}");
            results["bootstrap_objects_per_s"] = held / bootstrap.TotalSeconds;
            results["bootstrap_ms"] = bootstrap.TotalMilliseconds;

            stopwatch.Restart();
            await SubscribeAsync(reader, reader.All<BenchItem>().Where(b => b.Quantity >= half), "range");
            var change = stopwatch.Elapsed;
            held = reader.All<BenchItem>().Count();
            Expect(held == (total - half + 1) / 2, $"the reader holds {held:N0} objects after the change, expected {(total - half + 1) / 2:N0}");
            results["set_change_ms"] = change.TotalMilliseconds;
            results["set_change_objects_per_s"] = (held + half / 2) / change.TotalSeconds; // left + entered

            var latencies = await LatencyAsync(writer, reader, total - 2, changes);
            results["latency_p50_ms"] = ChangeTimer.Percentile(latencies, 0.50);
            results["latency_p90_ms"] = ChangeTimer.Percentile(latencies, 0.90);
            results["latency_p99_ms"] = ChangeTimer.Percentile(latencies, 0.99);

            Console.WriteLine();
            Console.WriteLine("| measurement                                         |        value | unit      |");
            Console.WriteLine("|-----------------------------------------------------|-------------:|-----------|");
            Row($"subscription bootstrap, {half / 2:N0} objects", results["bootstrap_objects_per_s"], "objects/s");
            Row("  which took", results["bootstrap_ms"], "ms");
            Row("subscription change (all leave, as many enter)", results["set_change_ms"], "ms");
            Row("  objects moved per second", results["set_change_objects_per_s"], "objects/s");
            Row($"single change writer -> reader, median of {changes}", results["latency_p50_ms"], "ms");
            Row("single change, 90th percentile", results["latency_p90_ms"], "ms");
            Row("single change, 99th percentile", results["latency_p99_ms"], "ms");
            Console.WriteLine();
            Console.WriteLine("{\"scenario\":\"flexible\",\"quick\":" + (quick ? "true" : "false") + $",\"objects\":{total},\"changes\":{changes},"
                + string.Join(",", results.Select(kv => $"\"{kv.Key}\":{Math.Round(kv.Value, kv.Value < 100 ? 3 : 0).ToString(CultureInfo.InvariantCulture)}")) + "}");
            return 0;
        }
        finally
        {
            realms.ForEach(static r => r.Dispose());
            apps.ForEach(static a => a.Dispose());
            using (var abort = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                await server.StopAsync(abort.Token);
            }

            await server.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }

        static void Row(string name, double value, string unit) =>
            Console.WriteLine($"| {name,-51} | {value.ToString(value < 100 ? "N2" : "N0", CultureInfo.InvariantCulture),12} | {unit,-9} |");
    }

    private static async Task<Realm> OpenAsync(Uri address, string folder, List<App> apps, List<Realm> realms)
    {
        Directory.CreateDirectory(folder);
        var app = App.Create(new AppConfiguration(address) { BaseFilePath = folder });
        apps.Add(app);
        var user = await app.LogInAsync(Credentials.Anonymous());
        var realm = Realm.Open(new FlexibleSyncConfiguration(user) { ObjectClasses = [typeof(BenchItem)] });
        realms.Add(realm);
        return realm;
    }

    private static async Task SubscribeAsync(Realm realm, IQueryable<BenchItem> query, string? name = null)
    {
        realm.Subscriptions.Update(() => realm.Subscriptions.Add(query, name));
        await Bounded(realm.Subscriptions.WaitForSynchronizationAsync());
    }

    // The writer sets the price of one object the reader holds; the clock stops at the reader's PropertyChanged.
    private static async Task<List<double>> LatencyAsync(Realm writer, Realm reader, int quantity, int changes)
    {
        var source = writer.All<BenchItem>().Where(b => b.Quantity == quantity).Single();
        var target = reader.All<BenchItem>().Where(b => b.Quantity == quantity).Single();
        var latencies = new List<double>(changes);
        for (var i = 1; i <= changes; i++)
        {
            var expected = (double)i;
            latencies.Add(await ChangeTimer.MeasureAsync(target, () => target.Price == expected, () => writer.Write(() => source.Price = expected)));
        }

        return latencies;
    }

    private static Task Bounded(Task task) => task.WaitAsync(SyncBenchDevice.WaitLimit);

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
