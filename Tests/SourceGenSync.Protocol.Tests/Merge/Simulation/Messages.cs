using System.Collections.Generic;
using SourceGenSync.Merge;

namespace SourceGenSync.Protocol.Tests.Merge.Simulation;

/// <summary>An Upload: the client's in-flight changesets (each keeps its client version in Changeset.Version),
/// made on server version <paramref name="BaseServerVersion"/>.</summary>
internal sealed record UploadMessage(long FileIdent, long BaseServerVersion, IReadOnlyList<OriginChangeset> Changesets);

/// <summary>
/// One history entry as the per-session sender delivers it: another file's changeset, or — for the client's own
/// integrated changeset — no data but the ack of its client version (Contract 1: the ack travels in order).
/// </summary>
internal sealed record DownloadMessage(long ServerVersion, OriginChangeset? Changeset, long? UploadAck);
