using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using SourceGenSync.Server.Diagnostics;

namespace SourceGenSync.Server.Sync;

/// <summary>
/// History compaction (docs/server.md, "Compaction"): history integrated longer ago than ClientMaxOfflineTime is
/// removed. A client whose cursor lies in the removed range must reset; a fresh client bootstraps from the merged
/// state. Each realm is compacted between two of its integrations, so an upload never sees history vanish.
/// </summary>
internal sealed class Compactor : BackgroundService
{
    private readonly SyncServices _services;
    private readonly RealmRegistry _realms;

    public Compactor(SyncServices services, RealmRegistry realms)
    {
        _services = services;
        _realms = realms;
    }

    /// <summary>Compacts every realm's history integrated before <paramref name="olderThan"/>; returns entries removed.</summary>
    public async Task<long> CompactAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var record in await _services.Store.ListRealmsAsync(cancellationToken).ConfigureAwait(false))
        {
            var hub = await _realms.GetAsync(record.Name, create: false, cancellationToken).ConfigureAwait(false);
            if (hub is null)
            {
                continue;
            }

            await hub.Integrator.RunExclusiveAsync(async token =>
            {
                var (removed, through) = await _services.Store.CompactAsync(hub.Id, olderThan.ToUnixTimeMilliseconds(), token).ConfigureAwait(false);
                if (removed > 0)
                {
                    hub.Compacted(through);
                    ServerLog.Compacted(_services.Logger, hub.Name, removed, through);
                    total += removed;
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _services.Options.CompactionInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, _services.Time);
        while (await TickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CompactAsync(_services.Time.GetUtcNow() - _services.Options.ClientMaxOfflineTime, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                ServerLog.CompactionFailed(_services.Logger, exception);
            }
        }
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
