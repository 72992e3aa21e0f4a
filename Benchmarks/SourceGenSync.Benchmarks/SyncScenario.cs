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

namespace SourceGenSync.Benchmarks;

/// <summary>
/// The "sync" scenario: the real sync server in-process on 127.0.0.1 and real sync clients (App, users, sessions)
/// in the same process, each device with its own folder and its own HTTP/2 connection. Measures objects per second
/// from a write on device A until all are in device B's realm, the latency of one small change A → B, the initial
/// download of a fresh device, and the bytes the connections carry per change. Table, then JSON as the last line.
/// </summary>
internal static class SyncScenario
{
    // PouchDB through pouchdb-server on this kind of machine (issue 5): 1,000–1,800 docs/s, ~34 ms median
    // single-change latency, ~480 bytes per doc. The goal is 10x better on each (against the better end).
    private const double PouchObjectsPerS = 1_800;
    private const double PouchLatencyMs = 34;
    private const double PouchBytesPerChange = 480;

    public static int Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(bool quick)
    {
        var bulk = quick ? 2_000 : 10_000;
        var changes = quick ? 200 : 500;
        var bootstrap = quick ? 20_000 : 100_000;
        var root = Path.Combine(Path.GetTempPath(), "sgs-syncbench-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"Sync scenario: {bulk:N0} objects A -> B, {changes} single changes A -> B, bootstrap of {bootstrap:N0} objects; files in {root}");
        // Warnings only, so the JSON line stays last.
        var server = await SyncServerHost.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0", "--data", Path.Combine(root, "server"), "--Server:PasswordIterations=1000",
            "--Logging:LogLevel:Default=Warning",
        ]);
        var devices = new List<SyncBenchDevice>();
        try
        {
            await server.StartAsync();
            var address = new Uri(server.Urls.First());
            var a = await StartAsync(devices, address, Path.Combine(root, "a"));
            var b = await StartAsync(devices, address, Path.Combine(root, "b"));
            var results = new Dictionary<string, double>(StringComparer.Ordinal);

            // Warm-up: JIT, connections, the server realm and its schema.
            await BulkAsync(a, b, 200, "warm-up");
            await LatencyAsync(a, b, 20);

            var (bulkRate, bulkBytes) = await BulkAsync(a, b, bulk, "bulk");
            results["objects_per_s"] = bulkRate;
            (results["bulk_commit_on_a_ms"], results["bulk_acknowledged_ms"], results["bulk_all_on_b_ms"]) = LastBulkPhases;
            results["bulk_bytes_per_object"] = bulkBytes;
            var (latencies, upload, download, total) = await LatencyAsync(a, b, changes);
            results["latency_p50_ms"] = ChangeTimer.Percentile(latencies, 0.50);
            results["latency_p90_ms"] = ChangeTimer.Percentile(latencies, 0.90);
            results["latency_p99_ms"] = ChangeTimer.Percentile(latencies, 0.99);
            results["latency_max_ms"] = latencies.Max();
            results["bytes_per_change"] = total;
            results["upload_bytes_per_change"] = upload;
            results["download_bytes_per_change"] = download;
            var (bootstrapRate, bootstrapBytes) = await BootstrapAsync(a, devices, address, Path.Combine(root, "c"), bootstrap);
            results["bootstrap_objects_per_s"] = bootstrapRate;
            results["bootstrap_bytes_per_object"] = bootstrapBytes;

            PrintTable(results, bulk, changes, bootstrap);
            Console.WriteLine(Json(results, quick, bulk, changes, bootstrap));
            return 0;
        }
        finally
        {
            foreach (var device in devices)
            {
                device.Dispose();
            }

            using (var abort = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                await server.StopAsync(abort.Token);
            }

            await server.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<SyncBenchDevice> StartAsync(List<SyncBenchDevice> devices, Uri address, string folder)
    {
        var device = await SyncBenchDevice.LogInAsync(address, folder);
        devices.Add(device);
        await device.OpenAsync();
        return device;
    }

    /// <summary>
    /// One write transaction of <paramref name="count"/> new objects on A; the clock stops when B's live query
    /// reports them all (so upload, server integration, download, integration on B and B's notification are in).
    /// </summary>
    private static async Task<(double ObjectsPerS, double BytesPerObject)> BulkAsync(SyncBenchDevice a, SyncBenchDevice b, int count, string label)
    {
        var target = b.Realm.All<BenchItem>().Count() + count;
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.Realm.All<BenchItem>().AsRealmCollection().SubscribeForNotifications((sender, _) =>
        {
            if (sender.Count >= target)
            {
                arrived.TrySetResult();
            }
        });
        var bytesBefore = a.Wire.Total + b.Wire.Total;
        Collect();
        var stopwatch = Stopwatch.StartNew();
        a.Realm.Write(() =>
        {
            for (var i = 0; i < count; i++)
            {
                a.Realm.Add(NewItem(label, i));
            }
        });
        var committed = stopwatch.Elapsed;
        // Where the time goes: the server's acknowledgement to A runs alongside the download to B.
        var acknowledged = TimeSpan.Zero;
        var ack = Task.Run(async () =>
        {
            await a.UploadAllAsync();
            acknowledged = stopwatch.Elapsed;
        });
        await arrived.Task.WaitAsync(SyncBenchDevice.WaitLimit);
        var elapsed = stopwatch.Elapsed;
        await ack;
        LastBulkPhases = (committed.TotalMilliseconds, acknowledged.TotalMilliseconds, elapsed.TotalMilliseconds);
        return (count / elapsed.TotalSeconds, (a.Wire.Total + b.Wire.Total - bytesBefore) / (double)count);
    }

    /// <summary>Milliseconds from the start of the last bulk phase: A's commit done, A's upload acknowledged, all on B.</summary>
    private static (double Committed, double Acknowledged, double Arrived) LastBulkPhases { get; set; }

    /// <summary>
    /// <paramref name="changes"/> times: one field of one object set on A in its own write transaction; the clock
    /// stops when the same live object on B raises PropertyChanged with the new value.
    /// </summary>
    private static async Task<(List<double> LatenciesMs, double Upload, double Download, double Total)> LatencyAsync(SyncBenchDevice a, SyncBenchDevice b, int changes)
    {
        var id = ObjectId.GenerateNewId();
        var probeA = a.Realm.Write(() => a.Realm.Add(new BenchItem { Id = id, Name = "probe", Quantity = 0 }));
        await a.UploadAllAsync();
        await b.DownloadAllAsync();
        var probeB = b.Realm.Find<BenchItem>(id) ?? throw new InvalidOperationException("the probe object did not reach device B");

        var latencies = new List<double>(changes);
        var (sentBefore, receivedBefore, totalBefore) = (a.Wire.Sent, b.Wire.Received, a.Wire.Total + b.Wire.Total);
        for (var i = 1; i <= changes; i++)
        {
            var expected = (long)i;
            latencies.Add(await ChangeTimer.MeasureAsync(probeB, () => probeB.Quantity == expected, () => a.Realm.Write(() => probeA.Quantity = expected)));
        }

        await a.UploadAllAsync();
        await b.DownloadAllAsync();
        return (latencies,
            (a.Wire.Sent - sentBefore) / (double)changes,
            (b.Wire.Received - receivedBefore) / (double)changes,
            (a.Wire.Total + b.Wire.Total - totalBefore) / (double)changes);
    }

    /// <summary>
    /// Fills the server to <paramref name="total"/> objects from A, then times <c>Realm.OpenAsync</c> of a fresh
    /// device C (new folder, new user; logged in before the clock starts), which downloads everything before it returns.
    /// </summary>
    private static async Task<(double ObjectsPerS, double BytesPerObject)> BootstrapAsync(SyncBenchDevice a, List<SyncBenchDevice> devices, Uri address, string folder, int total)
    {
        var missing = total - a.Realm.All<BenchItem>().Count();
        for (var done = 0; done < missing; done += 10_000)
        {
            var batch = Math.Min(10_000, missing - done);
            var start = done;
            a.Realm.Write(() =>
            {
                for (var i = 0; i < batch; i++)
                {
                    a.Realm.Add(NewItem("fill", start + i));
                }
            });
        }

        await a.UploadAllAsync();
        var c = await SyncBenchDevice.LogInAsync(address, folder);
        devices.Add(c);
        var bytesBefore = c.Wire.Received;
        Collect();
        var stopwatch = Stopwatch.StartNew();
        await c.OpenAsync();
        var elapsed = stopwatch.Elapsed;
        var count = c.Realm.All<BenchItem>().Count();
        if (count < total)
        {
            throw new InvalidOperationException($"the fresh device opened with {count:N0} objects, expected {total:N0}");
        }

        return (count / elapsed.TotalSeconds, (c.Wire.Received - bytesBefore) / (double)count);
    }

    private static BenchItem NewItem(string label, int i) => new()
    {
        Id = ObjectId.GenerateNewId(),
        Name = label + " " + i.ToString(CultureInfo.InvariantCulture),
        Quantity = i,
        Price = i * 0.5,
        IsActive = (i & 1) == 0,
    };

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void PrintTable(Dictionary<string, double> m, int bulk, int changes, int bootstrap)
    {
        Console.WriteLine();
        Console.WriteLine("| measurement                                       |          value | unit      | PouchDB reference |");
        Console.WriteLine("|---------------------------------------------------|---------------:|-----------|-------------------|");
        Row($"{bulk:N0} objects written on A until all on B", m["objects_per_s"], "objects/s", "1,000–1,800");
        Row("  A's commit done after", m["bulk_commit_on_a_ms"], "ms", string.Empty);
        Row("  server acknowledged A's upload after", m["bulk_acknowledged_ms"], "ms", string.Empty);
        Row("  all in B's realm and query after", m["bulk_all_on_b_ms"], "ms", string.Empty);
        Row($"single change A -> B, median of {changes}", m["latency_p50_ms"], "ms", "~34");
        Row("single change A -> B, 90th percentile", m["latency_p90_ms"], "ms", string.Empty);
        Row("single change A -> B, 99th percentile", m["latency_p99_ms"], "ms", string.Empty);
        Row($"initial download of {bootstrap:N0} objects", m["bootstrap_objects_per_s"], "objects/s", string.Empty);
        Row("bytes on the wire per single change (A and B)", m["bytes_per_change"], "bytes", "~480");
        Row("  of which sent by A (upload)", m["upload_bytes_per_change"], "bytes", string.Empty);
        Row("  of which received by B (download)", m["download_bytes_per_change"], "bytes", string.Empty);
        Row("bytes on the wire per object, bulk (A and B)", m["bulk_bytes_per_object"], "bytes", string.Empty);
        Row("bytes received per object, initial download", m["bootstrap_bytes_per_object"], "bytes", string.Empty);
        Console.WriteLine();

        static void Row(string name, double value, string unit, string reference) =>
            Console.WriteLine($"| {name,-49} | {value.ToString(value < 100 ? "N2" : "N0", CultureInfo.InvariantCulture),14} | {unit,-9} | {reference,-17} |");
    }

    private static string Json(Dictionary<string, double> m, bool quick, int bulk, int changes, int bootstrap)
    {
        var goals = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["goal_objects_per_s_10x_met"] = m["objects_per_s"] >= 10 * PouchObjectsPerS,
            ["goal_latency_10x_met"] = m["latency_p50_ms"] <= PouchLatencyMs / 10,
            ["goal_bytes_per_change_10x_met"] = m["bytes_per_change"] <= PouchBytesPerChange / 10,
        };
        return "{\"scenario\":\"sync\",\"quick\":" + (quick ? "true" : "false")
            + $",\"objects\":{bulk},\"changes\":{changes},\"bootstrap_objects\":{bootstrap},"
            + string.Join(",", m.Select(kv => $"\"{kv.Key}\":{Math.Round(kv.Value, kv.Value < 100 ? 3 : 0).ToString(CultureInfo.InvariantCulture)}"))
            + "," + string.Join(",", goals.Select(kv => $"\"{kv.Key}\":{(kv.Value ? "true" : "false")}"))
            + "}";
    }
}
