using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceGenSync.Generators;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// The "generator" scenario: a cold run of the generator over N model classes (a fresh driver, nothing cached),
/// then incremental re-runs after a method-body edit (the driver keeps its state, as in an IDE). Prints a table
/// and, as the last line, one JSON object.
/// </summary>
internal static class GeneratorScenario
{
    public static int Run(bool quick)
    {
        const int classes = 200;
        var repetitions = quick ? 3 : 10;
        var harness = new GeneratorHarness(classes);

        // The very first run includes JIT compilation of the generator and Roslyn: reported separately.
        var first = Time(() => GeneratorHarness.CreateDriver().RunGenerators(harness.Compilation));

        var cold = new double[repetitions];
        GeneratorDriver driver = GeneratorHarness.CreateDriver();
        for (var i = 0; i < repetitions; i++)
        {
            var fresh = GeneratorHarness.CreateDriver();
            // A clone has the same trees but none of the original's lazily bound symbols, like a fresh build.
            var compilation = harness.Compilation.Clone();
            cold[i] = Time(() => driver = fresh.RunGenerators(compilation));
        }

        var result = driver.GetRunResult();
        var generatedFiles = result.Results.Single().GeneratedSources.Length;
        var errors = result.Diagnostics.Count(static d => d.Severity == DiagnosticSeverity.Error);

        var incremental = new double[repetitions];
        var rerunOutputs = 0;
        var parseReasons = string.Empty;
        for (var i = 0; i < repetitions; i++)
        {
            var edited = harness.WithMethodBodyEdit(version: i + 1);
            GeneratorDriver next = driver;
            incremental[i] = Time(() => next = driver.RunGenerators(edited));
            driver = next;
            rerunOutputs = CountRerunOutputs(driver.GetRunResult());
            parseReasons = DescribeReasons(driver.GetRunResult(), TrackingNames.RealmObjectSpecs);
        }

        var coldMs = Median(cold);
        var incrementalMs = Median(incremental);
        var ratio = incrementalMs / coldMs;

        Console.WriteLine($"Generator scenario: {classes} model classes, {repetitions} repetitions (median)");
        Console.WriteLine();
        Console.WriteLine("| measurement                          |        ms |");
        Console.WriteLine("|--------------------------------------|----------:|");
        Row("first run (includes JIT)", first);
        Row("cold run (fresh driver)", coldMs);
        Row("incremental run (method-body edit)", incrementalMs);
        Console.WriteLine();
        Console.WriteLine($"parse step after the edit: {parseReasons}");
        Console.WriteLine(Invariant($"generated files: {generatedFiles}, generator errors: {errors}, outputs re-emitted after the edit: {rerunOutputs}, incremental/cold: {ratio:0.000}"));
        Console.WriteLine(Invariant(
            $"{{\"scenario\":\"generator\",\"classes\":{classes},\"first_run_ms\":{first:0.00},\"cold_ms\":{coldMs:0.00},\"incremental_ms\":{incrementalMs:0.00},\"incremental_ratio\":{ratio:0.0000},\"generated_files\":{generatedFiles},\"reemitted_outputs\":{rerunOutputs},\"repetitions\":{repetitions}}}"));
        return errors == 0 && generatedFiles == classes + 1 ? 0 : 1;
    }

    /// <summary>Outputs of the emit steps that were New or Modified in the last run (0 means nothing was re-emitted).</summary>
    private static int CountRerunOutputs(GeneratorDriverRunResult result) =>
        result.Results.Single().TrackedOutputSteps
            .SelectMany(static step => step.Value)
            .SelectMany(static run => run.Outputs)
            .Count(static output => output.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);

    /// <summary>How many outputs of a tracked step were Cached, Unchanged, Modified or New, e.g. "Cached: 199, Unchanged: 1".</summary>
    private static string DescribeReasons(GeneratorDriverRunResult result, string stepName) =>
        result.Results.Single().TrackedSteps.TryGetValue(stepName, out var runs)
            ? string.Join(", ", runs.SelectMany(static r => r.Outputs).GroupBy(static o => o.Reason).OrderBy(static g => g.Key).Select(static g => $"{g.Key}: {g.Count()}"))
            : "not tracked";

    private static double Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void Row(string name, double ms) => Console.WriteLine(Invariant($"| {name,-36} | {ms,9:0.00} |"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
