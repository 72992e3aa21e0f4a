using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// The "local" scenario: the object store on a real file (bulk insert against raw SQLite in the same run, durable
/// single-object commits, find by primary key, query materialization, managed property access). Each figure is the
/// median of its repetitions after a warm-up pass (the insert pair: of five rounds of its own, see
/// <see cref="InsertScenario.Measure"/>); prints a table and, as the last line, one JSON object.
/// </summary>
internal static class LocalScenario
{
    // Goals on the reference 2-core machine (docs/benchmarks.md).
    private const double InsertRatioGoal = 0.5;
    private const double FindGoal = 250_000;
    private const double MaterializeGoal = 300_000;

    public static int Run(bool quick)
    {
        var objects = quick ? 20_000 : 100_000;
        var repetitions = quick ? 1 : 3;
        var insertRounds = quick ? 1 : 5;
        var commits = quick ? 100 : 500;
        var getIterations = quick ? 2_000_000 : 20_000_000;
        var setIterations = quick ? 20_000 : 100_000;

        using var folder = new TempFolder();
        Console.WriteLine($"Local scenario: {objects:N0} objects, {commits} single-object commits, {repetitions} repetition(s), median; files in {folder.Path}");

        // Warm-up: every path once on small inputs, so JIT compilation is not timed.
        var warm = new LocalData(2_000);
        RunOnce(folder, warm, commits: 10, getIterations: 100_000, setIterations: 1_000);

        var data = new LocalData(objects);

        // The bulk-insert pair in rounds of its own: two runs of about a second each, the noisiest figure here.
        var inserts = InsertScenario.Measure(folder, data, insertRounds);

        var runs = new List<Dictionary<string, double>>();
        for (var r = 0; r < repetitions; r++)
        {
            runs.Add(RunOnce(folder, data, commits, getIterations, setIterations));
        }

        var median = runs[0].Keys.ToDictionary(static k => k, k => Median(runs.Select(run => run[k])));
        median["raw_sqlite_insert_rows_per_s"] = inserts.Raw;
        median["insert_objects_per_s"] = inserts.Sdk;
        median["insert_ratio_vs_raw_sqlite"] = inserts.Ratio;
        PrintTable(median);
        Console.WriteLine(Json(median, objects, commits, repetitions, insertRounds));
        return 0;
    }

    private static Dictionary<string, double> RunOnce(TempFolder folder, LocalData data, int commits, int getIterations, int setIterations)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["single_write_tx_per_s"] = LocalMeasurements.SingleWriteTransactions(folder, data, commits),
        };

        var path = LocalMeasurements.Populate(folder, data);
        var (cold, warm) = LocalMeasurements.FindByPrimaryKey(path, data);
        result["find_by_pk_per_s"] = cold;
        result["find_by_pk_warm_per_s"] = warm;
        var (rawFind, rawScan) = LocalMeasurements.RawSqliteReads(path, data);
        result["raw_sqlite_find_by_pk_per_s"] = rawFind;
        result["raw_sqlite_scan_rows_per_s"] = rawScan;
        result["query_materialize_objects_per_s"] = LocalMeasurements.MaterializeAll(path, data);
        result["filtered_query_materialize_objects_per_s"] = LocalMeasurements.MaterializeFiltered(path, data);
        var (getNs, getStringNs, allocated) = LocalMeasurements.ManagedGet(path, data, getIterations);
        result["managed_get_ns"] = getNs;
        result["managed_get_string_ns"] = getStringNs;
        result["managed_get_allocated_bytes"] = allocated;
        result["managed_set_ns"] = LocalMeasurements.ManagedSet(path, data, setIterations);
        return result;
    }

    private static void PrintTable(Dictionary<string, double> m)
    {
        Console.WriteLine();
        Console.WriteLine("| measurement                                      |          value | unit      | goal                 |");
        Console.WriteLine("|--------------------------------------------------|---------------:|-----------|----------------------|");
        Row("bulk insert (SDK, one transaction)", m["insert_objects_per_s"], "objects/s", "");
        Row("bulk insert (raw Microsoft.Data.Sqlite)", m["raw_sqlite_insert_rows_per_s"], "rows/s", "");
        Row("insert ratio SDK / raw SQLite", m["insert_ratio_vs_raw_sqlite"], "x", Goal(m["insert_ratio_vs_raw_sqlite"] >= InsertRatioGoal, ">= 0.5"));
        Row("single-object write transactions (durable)", m["single_write_tx_per_s"], "commits/s", "");
        Row("find by primary key (cold realm)", m["find_by_pk_per_s"], "finds/s", Goal(m["find_by_pk_per_s"] >= FindGoal, ">= 250,000"));
        Row("find by primary key (warm identity map)", m["find_by_pk_warm_per_s"], "finds/s", "");
        Row("find by primary key (raw Microsoft.Data.Sqlite)", m["raw_sqlite_find_by_pk_per_s"], "finds/s", "");
        Row("materialize All<T>() (cold realm)", m["query_materialize_objects_per_s"], "objects/s", Goal(m["query_materialize_objects_per_s"] >= MaterializeGoal, ">= 300,000"));
        Row("materialize filtered LINQ query (cold realm)", m["filtered_query_materialize_objects_per_s"], "objects/s", "");
        Row("full scan (raw Microsoft.Data.Sqlite)", m["raw_sqlite_scan_rows_per_s"], "rows/s", "");
        Row("managed get (long property)", m["managed_get_ns"], "ns", "");
        Row("managed get (string property)", m["managed_get_string_ns"], "ns", "");
        Row("managed get allocations (whole loop)", m["managed_get_allocated_bytes"], "bytes", Goal(m["managed_get_allocated_bytes"] == 0, "0"));
        Row("managed set (in a write transaction)", m["managed_set_ns"], "ns", "");
        Console.WriteLine();
    }

    private static string Goal(bool met, string goal) => (met ? "met " : "MISSED ") + goal;

    private static void Row(string name, double value, string unit, string goal)
    {
        var format = value >= 100 ? "N0" : "0.000";
        Console.WriteLine($"| {name,-48} | {value.ToString(format, CultureInfo.InvariantCulture),14} | {unit,-9} | {goal,-20} |");
    }

    private static string Json(Dictionary<string, double> m, int objects, int commits, int repetitions, int insertRounds)
    {
        var json = new StringBuilder("{\"scenario\":\"local\"");
        Append("objects", objects);
        Append("commits", commits);
        Append("repetitions", repetitions);
        Append("insert_rounds", insertRounds);
        foreach (var (key, value) in m.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            Append(key, Math.Round(value, value >= 100 ? 0 : 3));
        }

        json.Append(",\"goal_insert_ratio_met\":").Append(Bool(m["insert_ratio_vs_raw_sqlite"] >= InsertRatioGoal));
        json.Append(",\"goal_find_by_pk_met\":").Append(Bool(m["find_by_pk_per_s"] >= FindGoal));
        json.Append(",\"goal_materialize_met\":").Append(Bool(m["query_materialize_objects_per_s"] >= MaterializeGoal));
        json.Append(",\"goal_get_no_allocation_met\":").Append(Bool(m["managed_get_allocated_bytes"] == 0));
        return json.Append('}').ToString();

        void Append(string key, double value) => json.Append(",\"").Append(key).Append("\":").Append(value.ToString("0.###", CultureInfo.InvariantCulture));
    }

    private static string Bool(bool value) => value ? "true" : "false";

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
