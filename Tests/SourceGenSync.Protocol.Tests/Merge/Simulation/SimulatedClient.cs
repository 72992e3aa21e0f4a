using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;

namespace SourceGenSync.Protocol.Tests.Merge.Simulation;

/// <summary>
/// A client of the protocol: a replica, the pending (not yet sent) and in-flight (sent, not acked) changesets, the
/// download cursor, a hybrid logical clock. At most one upload is in flight. A downloaded changeset is transformed
/// against in-flight + pending: its Right' is applied to the replica, Left' replaces in-flight + pending. This is
/// the shape issue 5's real client follows.
/// </summary>
internal sealed class SimulatedClient(long fileIdent, RandomOperations operations)
{
    private readonly RandomOperations _operations = operations;
    private long _nextVersion = 1;
    private long _clock;

    public long FileIdent { get; } = fileIdent;

    public InMemoryDocumentSource Replica { get; } = new();

    public List<OriginChangeset> InFlight { get; private set; } = [];

    public List<OriginChangeset> Pending { get; private set; } = [];

    /// <summary>The download cursor: the last server version integrated.</summary>
    public long ServerVersion { get; private set; }

    public bool Connected { get; set; } = true;

    public int Skipped { get; private set; }

    public bool HasWork => InFlight.Count > 0 || Pending.Count > 0;

    /// <summary>A local write transaction at simulated time <paramref name="now"/> (clocks drift per client).</summary>
    public void Write(long now)
    {
        var instructions = _operations.Transaction(Replica);
        if (instructions.Count == 0)
        {
            return;
        }

        _clock = Math.Max(_clock + 1, now);
        Pending.Add(new OriginChangeset(new Changeset(_nextVersion++, _clock, instructions), FileIdent));
    }

    /// <summary>Sends pending changes when connected and nothing is in flight.</summary>
    public UploadMessage? StartUpload()
    {
        if (!Connected || InFlight.Count > 0 || Pending.Count == 0)
        {
            return null;
        }

        (InFlight, Pending) = (Pending, []);
        return new UploadMessage(FileIdent, ServerVersion, InFlight.ToList());
    }

    /// <summary>On (re)bind the in-flight upload is sent again: the server may never have received it.</summary>
    public UploadMessage? Reconnect()
    {
        Connected = true;
        return InFlight.Count > 0 ? new UploadMessage(FileIdent, ServerVersion, InFlight.ToList()) : null;
    }

    public void Receive(DownloadMessage message)
    {
        if (message.ServerVersion != ServerVersion + 1)
        {
            throw new InvalidOperationException($"file {FileIdent} at {ServerVersion} received server version {message.ServerVersion}");
        }

        ServerVersion = message.ServerVersion;
        if (message.UploadAck is { } ack)
        {
            if (InFlight.Count == 0 || InFlight[0].Changeset.Version != ack)
            {
                throw new InvalidOperationException($"file {FileIdent} got ack {ack} with in-flight [{string.Join(",", InFlight.Select(c => c.Changeset.Version))}]");
            }

            InFlight.RemoveAt(0);
            return;
        }

        var remote = message.Changeset!;
        _clock = Math.Max(_clock, remote.Changeset.Timestamp);
        var local = InFlight.Concat(Pending).ToList();
        var result = ChangesetTransformer.Transform(local, [remote]);
        Skipped += InstructionApplier.Apply(result.Right[0].Changeset, Replica).Skipped;
        InFlight = result.Left.Take(InFlight.Count).ToList();
        Pending = result.Left.Skip(InFlight.Count).ToList();
    }
}
