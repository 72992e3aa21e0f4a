using System;
using System.Collections.Generic;
using System.Globalization;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// The bulk-insert pair: objects through the SDK and the same rows through raw Microsoft.Data.Sqlite, back to back,
/// in rounds. The "insert" scenario runs only this (for comparing builds of the insert path on a noisy machine:
/// each round's ratio is printed, the last line is one JSON object with the medians); the "local" scenario uses it
/// for its insert figures.
/// </summary>
internal static class InsertScenario
{
    public static int Run(bool quick, int rounds)
    {
        var objects = quick ? 20_000 : 100_000;
        using var folder = new TempFolder();
        Console.WriteLine($"Insert scenario: {objects:N0} objects, {rounds} rounds (raw SQLite, then the SDK), files in {folder.Path}");
        var pairs = Measure(folder, new LocalData(objects), rounds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"scenario\":\"insert\",\"objects\":{objects},\"rounds\":{rounds},\"raw_sqlite_insert_rows_per_s\":{pairs.Raw:F0},\"insert_objects_per_s\":{pairs.Sdk:F0},\"insert_ratio_vs_raw_sqlite\":{pairs.Ratio:F3}}}"));
        return 0;
    }

    /// <summary>
    /// Warms both paths up with two untimed rounds (tiered compilation promotes the hot methods of both, raw
    /// Microsoft.Data.Sqlite's only after a few hundred thousand rows), then measures <paramref name="rounds"/> pairs, printing each; returns the medians (the
    /// ratio is the median of each round's ratio, steadier than a ratio of medians).
    /// </summary>
    public static (double Raw, double Sdk, double Ratio) Measure(TempFolder folder, LocalData data, int rounds)
    {
        for (var i = 0; i < 2; i++)
        {
            LocalMeasurements.RawSqliteInsert(folder, data);
            LocalMeasurements.Insert(folder, data);
        }

        var raw = new List<double>();
        var sdk = new List<double>();
        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            raw.Add(LocalMeasurements.RawSqliteInsert(folder, data));
            sdk.Add(LocalMeasurements.Insert(folder, data));
            ratios.Add(sdk[^1] / raw[^1]);
            Console.WriteLine(FormattableString.Invariant($"bulk insert round {round}: raw {raw[^1]:F0} rows/s, SDK {sdk[^1]:F0} objects/s, ratio {ratios[^1]:F3}"));
        }

        return (LocalScenario.Median(raw), LocalScenario.Median(sdk), LocalScenario.Median(ratios));
    }
}
