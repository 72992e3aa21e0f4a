using System;

namespace SourceGenSync.Protocol.Sync;

/// <summary>The in-order ack rule of docs/protocol.md §5.3, in one place for every reader of Downloads.</summary>
public sealed partial class Download
{
    /// <summary>
    /// The highest client version of the receiving file that the server had integrated before
    /// <paramref name="changeset"/> (one of this message's): the client's changesets at or below it are not concurrent
    /// with it. A changeset after <see cref="UploadAckServerVersion"/> follows the message's whole
    /// <see cref="UploadAck"/>; an earlier one says so itself, bounded by that ack (a server cannot make a client
    /// drop changes it did not acknowledge).
    /// </summary>
    public long UploadAckBefore(DownloadChangeset changeset) =>
        changeset.ServerVersion > UploadAckServerVersion ? UploadAck : Math.Min(changeset.UploadAckBefore, UploadAck);
}
