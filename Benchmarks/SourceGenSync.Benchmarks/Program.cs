using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// <c>generator [--quick]</c>: the generator scenario (table + JSON last line).
/// <c>local [--quick]</c>: the local object store scenario (table + JSON last line; docs/benchmarks.md).
/// <c>server [--quick]</c>: the sync server scenario on an in-process server over HTTP/2 (table + JSON last line).
/// <c>sync [--quick]</c>: the sync client end to end, two devices and a fresh one on an in-process server (table + JSON last line).
/// <c>insert [--quick] [--rounds N]</c>: only the local scenario's bulk-insert pair (raw SQLite, then the SDK), N rounds (default 7), median ratio.
/// <c>flexible [--quick]</c>: flexible sync with a read rule: subscription bootstrap, set change, single-change latency.
/// <c>bdn [BenchmarkDotNet arguments]</c>: the BenchmarkDotNet suite (all benchmarks unless a --filter is given).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? string.Empty;
        var rest = args.Skip(1).ToArray();
        switch (command)
        {
            case "generator":
                return GeneratorScenario.Run(quick: rest.Contains("--quick"));
            case "local":
                return LocalScenario.Run(quick: rest.Contains("--quick"));
            case "insert":
                var roundsAt = Array.IndexOf(rest, "--rounds");
                var rounds = roundsAt >= 0 && roundsAt + 1 < rest.Length && int.TryParse(rest[roundsAt + 1], out var r) && r > 0 ? r : 7;
                return InsertScenario.Run(quick: rest.Contains("--quick"), rounds);
            case "server":
                return ServerScenario.Run(quick: rest.Contains("--quick"));
            case "sync":
                return SyncScenario.Run(quick: rest.Contains("--quick"));
            case "flexible":
                return FlexibleScenario.Run(quick: rest.Contains("--quick"));
            case "bdn":
                // In-process: no child project is generated and built, so the repository's strict build settings
                // (warnings as errors, no implicit usings) never meet BenchmarkDotNet's generated code.
                var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
                var filter = rest.Any(static a => a.StartsWith("--filter", StringComparison.Ordinal)) ? rest : [.. rest, "--filter", "*"];
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(filter, config);
                return 0;
            default:
                Console.Error.WriteLine("usage: SourceGenSync.Benchmarks generator [--quick] | local [--quick] | insert [--quick] [--rounds N] | server [--quick] | sync [--quick] | flexible [--quick] | bdn [BenchmarkDotNet arguments]");
                return 2;
        }
    }
}
