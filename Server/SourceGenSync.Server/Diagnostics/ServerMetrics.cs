using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace SourceGenSync.Server.Diagnostics;

/// <summary>
/// The server's instruments on the meter <c>SourceGenSync.Server</c> (docs/server.md, "Metrics"). Created through
/// IMeterFactory so each host (and each test server) owns its meter and disposes it with the host.
/// </summary>
internal sealed class ServerMetrics
{
    public const string MeterName = "SourceGenSync.Server";

    private readonly Counter<long> _sessionsStarted;
    private readonly UpDownCounter<long> _sessionsActive;
    private readonly Counter<long> _changesetsIntegrated;
    private readonly Counter<long> _changesetsDownloaded;
    private readonly Counter<long> _bytesUploaded;
    private readonly Counter<long> _bytesDownloaded;
    private readonly Histogram<double> _integrationDuration;
    private readonly Counter<long> _errors;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sessionsStarted = meter.CreateCounter<long>("sgs.sessions.started", "{session}", "Sync sessions bound");
        _sessionsActive = meter.CreateUpDownCounter<long>("sgs.sessions.active", "{session}", "Sync sessions open now");
        _changesetsIntegrated = meter.CreateCounter<long>("sgs.changesets.integrated", "{changeset}", "Uploaded changesets integrated into history");
        _changesetsDownloaded = meter.CreateCounter<long>("sgs.changesets.downloaded", "{changeset}", "Changesets sent to clients");
        _bytesUploaded = meter.CreateCounter<long>("sgs.bytes.uploaded", "By", "Changeset bytes received");
        _bytesDownloaded = meter.CreateCounter<long>("sgs.bytes.downloaded", "By", "Changeset bytes sent");
        _integrationDuration = meter.CreateHistogram<double>("sgs.integration.duration", "ms", "Time from an upload's arrival at the integrator to its durable commit");
        _errors = meter.CreateCounter<long>("sgs.sync.errors", "{error}", "SyncError messages sent, by code");
    }

    public void SessionStarted()
    {
        _sessionsStarted.Add(1);
        _sessionsActive.Add(1);
    }

    public void SessionEnded() => _sessionsActive.Add(-1);

    public void Integrated(int changesets, long bytes, double milliseconds)
    {
        _changesetsIntegrated.Add(changesets);
        _bytesUploaded.Add(bytes);
        _integrationDuration.Record(milliseconds);
    }

    public void Downloaded(int changesets, long bytes)
    {
        _changesetsDownloaded.Add(changesets);
        _bytesDownloaded.Add(bytes);
    }

    public void Error(string code) => _errors.Add(1, new KeyValuePair<string, object?>("code", code));
}
