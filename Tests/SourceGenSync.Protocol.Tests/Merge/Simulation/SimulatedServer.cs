using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Merge;

namespace SourceGenSync.Protocol.Tests.Merge.Simulation;

/// <summary>
/// The server side of the protocol: one history (server version n is History[n - 1]), the merged state, and per
/// file the last integrated client and server versions. Integration is Left' of
/// Transform(upload, history(base, head]), appended and applied; duplicates from a reconnect are skipped.
/// </summary>
internal sealed class SimulatedServer
{
    private readonly Dictionary<long, (long ClientVersion, long ServerVersion)> _files = [];

    public List<OriginChangeset> History { get; } = [];

    public InMemoryDocumentSource State { get; } = new();

    public long Head => History.Count;

    public int Skipped { get; private set; }

    public void Receive(UploadMessage upload)
    {
        var last = _files.GetValueOrDefault(upload.FileIdent);
        var fresh = upload.Changesets.Where(c => c.Changeset.Version > last.ClientVersion).ToList();
        if (fresh.Count == 0)
        {
            return; // a re-sent upload the server already integrated; its ack is on the way in the download stream
        }

        if (upload.BaseServerVersion < last.ServerVersion || upload.BaseServerVersion > Head)
        {
            throw new InvalidOperationException($"PROTOCOL_VIOLATION: file {upload.FileIdent} uploaded on base {upload.BaseServerVersion}, last integrated at {last.ServerVersion}, head {Head}");
        }

        var concurrent = History.Skip((int)upload.BaseServerVersion).ToList();
        if (concurrent.Any(c => c.FileIdent == upload.FileIdent))
        {
            throw new InvalidOperationException($"history({upload.BaseServerVersion}, {Head}] holds file {upload.FileIdent}'s own changes");
        }

        var integrated = ChangesetTransformer.Transform(fresh, concurrent).Left;
        foreach (var changeset in integrated)
        {
            History.Add(changeset);
            Skipped += InstructionApplier.Apply(changeset.Changeset, State).Skipped;
        }

        _files[upload.FileIdent] = (fresh[^1].Changeset.Version, Head);
    }

    /// <summary>What the sender of <paramref name="fileIdent"/>'s session sends for server version <paramref name="serverVersion"/>.</summary>
    public DownloadMessage Download(long fileIdent, long serverVersion)
    {
        var entry = History[(int)serverVersion - 1];
        return entry.FileIdent == fileIdent
            ? new DownloadMessage(serverVersion, null, entry.Changeset.Version)
            : new DownloadMessage(serverVersion, entry, null);
    }
}
