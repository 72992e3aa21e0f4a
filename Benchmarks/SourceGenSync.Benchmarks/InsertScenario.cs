using System;
using System.Collections.Generic;
using System.Globalization;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// The "insert" scenario: only the bulk-insert pair of the local scenario (100,000 objects through the SDK and the
/// same rows through raw Microsoft.Data.Sqlite, back to back), repeated, for comparing builds of the insert path on a
/// noisy machine: each round's ratio is printed, and the last line is one JSON object with the median ratio.
/// </summary>
internal static class InsertScenario
{
    public static int Run(bool quick, int rounds)
    {
        var objects = quick ? 20_000 : 100_000;
        using var folder = new TempFolder();
        Console.WriteLine($"Insert scenario: {objects:N0} objects, {rounds} rounds (raw SQLite, then the SDK), files in {folder.Path}");

        // Warm-up: both paths once on a small input, so JIT compilation is not timed.
        var warm = new LocalData(2_000);
        LocalMeasurements.RawSqliteInsert(folder, warm);
        LocalMeasurements.Insert(folder, warm);

        var data = new LocalData(objects);
        var ratios = new List<double>();
        var sdk = new List<double>();
        var raw = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            raw.Add(LocalMeasurements.RawSqliteInsert(folder, data));
            sdk.Add(LocalMeasurements.Insert(folder, data));
            ratios.Add(sdk[^1] / raw[^1]);
            Console.WriteLine(FormattableString.Invariant($"round {round}: raw {raw[^1]:F0} rows/s, SDK {sdk[^1]:F0} objects/s, ratio {ratios[^1]:F3}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"scenario\":\"insert\",\"objects\":{objects},\"rounds\":{rounds},\"raw_sqlite_insert_rows_per_s\":{LocalScenario.Median(raw):F0},\"insert_objects_per_s\":{LocalScenario.Median(sdk):F0},\"insert_ratio_vs_raw_sqlite\":{LocalScenario.Median(ratios):F3}}}"));
        return 0;
    }
}
