using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Changesets;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Auth;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Protocol;
using SourceGenSync.Server.Hosting;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// The "server" scenario: the real sync server in-process on 127.0.0.1 (HTTP/2, SQLite with synchronous=FULL on a
/// temporary folder), driven over our gRPC client. Measures changesets integrated per second on one session
/// (one changeset per upload: latency-bound; and 100 per upload: throughput) and on 50 concurrent sessions of one
/// realm, and the bytes on the wire for one small object change. Prints a table, then one JSON object last.
/// </summary>
internal static class ServerScenario
{
    private const int ConcurrentSessions = 50;

    public static int Run(bool quick) => RunAsync(quick).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(bool quick)
    {
        var single = quick ? 300 : 2_000;
        var batched = quick ? 20 : 100; // uploads of 100 changesets
        var perSession = quick ? 20 : 100;
        var data = Path.Combine(Path.GetTempPath(), "sgs-bench-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"Server scenario: {single} single-changeset uploads, {batched} uploads of 100, {ConcurrentSessions} sessions x {perSession} uploads; data in {data}");
        var app = await SyncServerHost.BuildAsync(["--urls", "http://127.0.0.1:0", "--data", data, "--Server:PasswordIterations=1000", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            await app.StartAsync();
            using var channel = new GrpcHttpChannel(new Uri(app.Urls.First()));
            var invoker = channel.CreateCallInvoker();
            var results = new Dictionary<string, double>(StringComparer.Ordinal);

            await SingleSessionAsync(invoker, "warm-up", 50, 1); // JIT, connection, realm creation
            results["one_session_changesets_per_s_1_per_upload"] = await SingleSessionAsync(invoker, "single", single, 1);
            results["one_session_changesets_per_s_100_per_upload"] = await SingleSessionAsync(invoker, "batched", batched, 100);
            results["concurrent_50_sessions_changesets_per_s"] = await ConcurrentAsync(invoker, perSession);
            var (upload, download) = WireBytes();
            results["wire_bytes_upload_per_small_change"] = upload;
            results["wire_bytes_download_per_small_change"] = download;

            PrintTable(results);
            Console.WriteLine(Json(results, quick));
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<double> SingleSessionAsync(CallInvoker invoker, string realm, int uploads, int perUpload)
    {
        await using var session = await ServerBenchSession.OpenAsync(invoker, await TokenAsync(invoker), realm, BenchSchema);
        await session.UploadAsync(1, v => Create(v, 1));
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < uploads; i++)
        {
            await session.UploadAsync(perUpload, v => SmallChange(v, 1));
        }

        return uploads * perUpload / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> ConcurrentAsync(CallInvoker invoker, int uploadsPerSession)
    {
        var sessions = new List<ServerBenchSession>();
        for (var s = 0; s < ConcurrentSessions; s++)
        {
            var session = await ServerBenchSession.OpenAsync(invoker, await TokenAsync(invoker), "shared", BenchSchema);
            var id = s + 1;
            await session.UploadAsync(1, v => Create(v, id));
            sessions.Add(session);
        }

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(sessions.Select((session, index) => Task.Run(async () =>
        {
            for (var i = 0; i < uploadsPerSession; i++)
            {
                await session.UploadAsync(1, v => SmallChange(v, index + 1));
            }
        })));
        var rate = ConcurrentSessions * uploadsPerSession / stopwatch.Elapsed.TotalSeconds;
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        return rate;
    }

    // gRPC message (protobuf + 5-byte length prefix) plus one 9-byte HTTP/2 DATA frame header; HPACK and TCP/IP
    // overhead are left out (HTTP/2 coalesces several messages per frame under load, so this is an upper bound).
    private static (double Upload, double Download) WireBytes()
    {
        var changeset = SmallChange(42, 1234);
        var data = ByteString.CopyFrom(ChangesetCodec.Encode(changeset));
        var upload = new Upload { BaseServerVersion = 100_000 };
        upload.Changesets.Add(new UploadChangeset { ClientVersion = 42, OriginTimestamp = changeset.Timestamp, Data = data });
        var download = new Download { ServerVersion = 100_001, UploadAck = 41, UploadAckServerVersion = 99_990, LastInBatch = true, ProgressEstimate = 1.0 };
        download.Changesets.Add(new DownloadChangeset { ServerVersion = 100_001, OriginFileIdent = 17, OriginTimestamp = changeset.Timestamp, Data = data });
        const int Framing = 5 + 9;
        return (new ClientMessage { Upload = upload }.CalculateSize() + Framing, new ServerMessage { Download = download }.CalculateSize() + Framing);
    }

    private static IReadOnlyList<ClassSchema> BenchSchema { get; } = [Schema()];

    private static ClassSchema Schema()
    {
        var schema = new ClassSchema { Name = "Item", PrimaryKey = "_id", Kind = ClassKind.TopLevel };
        schema.Properties.Add(new PropertySchema { Name = "_id", Type = "int" });
        schema.Properties.Add(new PropertySchema { Name = "Title", Type = "string?" });
        schema.Properties.Add(new PropertySchema { Name = "Done", Type = "bool" });
        return schema;
    }

    private static long _clock;

    private static long Now() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16) + (Interlocked.Increment(ref _clock) & 0xFFFF);

    private static Changeset Create(long version, long id) => new(version, Now(),
        [new CreateObject(ObjectRef.TopLevel("Item", id)), new SetField(ObjectRef.TopLevel("Item", id), "_id", Payload.Of(id))]);

    // The "small object change": one string field of one object set to a short value.
    private static Changeset SmallChange(long version, long id) => new(version, Now(),
        [new SetField(ObjectRef.TopLevel("Item", id), "Title", Payload.Of("title " + version.ToString(CultureInfo.InvariantCulture)))]);

    private static async Task<string> TokenAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncUnaryCall(ServiceMethods.LogInAnonymous, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), new LogInAnonymousRequest());
        return (await call.ResponseAsync).AccessToken;
    }

    private static void PrintTable(Dictionary<string, double> m)
    {
        Console.WriteLine();
        Console.WriteLine("| measurement                                      |          value | unit         |");
        Console.WriteLine("|--------------------------------------------------|---------------:|--------------|");
        Row("one session, 1 changeset per upload", m["one_session_changesets_per_s_1_per_upload"], "changesets/s");
        Row("one session, 100 changesets per upload", m["one_session_changesets_per_s_100_per_upload"], "changesets/s");
        Row($"{ConcurrentSessions} concurrent sessions, 1 per upload", m["concurrent_50_sessions_changesets_per_s"], "changesets/s");
        Row("wire bytes per small change, upload", m["wire_bytes_upload_per_small_change"], "bytes");
        Row("wire bytes per small change, download", m["wire_bytes_download_per_small_change"], "bytes");
        Console.WriteLine();

        static void Row(string name, double value, string unit) =>
            Console.WriteLine($"| {name,-48} | {value.ToString("N0", CultureInfo.InvariantCulture),14} | {unit,-12} |");
    }

    private static string Json(Dictionary<string, double> m, bool quick) =>
        "{\"scenario\":\"server\",\"quick\":" + (quick ? "true" : "false") + ","
        + string.Join(",", m.Select(kv => $"\"{kv.Key}\":{Math.Round(kv.Value, 1).ToString(CultureInfo.InvariantCulture)}"))
        + "}";
}
