using System;
using FsCheck;
using FsCheck.Fluent;
using SourceGenSync.Protocol.Tests.Merge.Simulation;

namespace SourceGenSync.Protocol.Tests.Merge;

/// <summary>
/// Invariant 3 for the merge layer: several clients editing concurrently, going offline and online, with messages
/// delivered in random interleavings, end with replicas identical to the server's state. A failure message carries
/// the options (seed, clients, steps) that reproduce it with <see cref="SyncSimulation"/>.
/// </summary>
public sealed class ConvergenceProperties
{
    private static Gen<SimulationOptions> Options(int minSteps, int maxSteps, int offlinePercent) =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from clients in Gen.Choose(3, 5)
        from steps in Gen.Choose(minSteps, maxSteps)
        select new SimulationOptions(seed, clients, steps, offlinePercent);

    [Fact]
    public void Clients_and_server_converge_after_random_concurrent_edits_and_deliveries()
    {
        Prop.ForAll(Arb.From(Options(20, 200, offlinePercent: 8)), Converges)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Clients_converge_after_long_offline_periods()
    {
        Prop.ForAll(Arb.From(Options(100, 400, offlinePercent: 30)), Converges)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Theory]
    [InlineData(1, 3, 300)]
    [InlineData(2, 5, 300)]
    [InlineData(42, 4, 500)]
    public void Fixed_seed_simulation_converges(int seed, int clients, int steps)
    {
        var outcome = new SyncSimulation(new SimulationOptions(seed, clients, steps)).Run();
        Assert.True(outcome.Length == 0, outcome);
    }

    private static bool Converges(SimulationOptions options)
    {
        string outcome;
        try
        {
            outcome = new SyncSimulation(options).Run();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"simulation {options} threw", e);
        }

        return outcome.Length == 0 ? true : throw new InvalidOperationException(outcome);
    }
}
