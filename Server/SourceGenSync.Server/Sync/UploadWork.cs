using System.Collections.Generic;
using System.Threading.Tasks;
using SourceGenSync.Changesets;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Server.Sync;

/// <summary>One uploaded changeset, decoded and checked against the schema by the session.</summary>
internal readonly record struct UploadedChangeset(long ClientVersion, long Timestamp, Changeset Changeset, byte[] Data);

/// <summary>An upload waiting for its realm's integrator.</summary>
internal sealed class UploadWork
{
    public UploadWork(long fileIdent, long baseServerVersion, IReadOnlyList<UploadedChangeset> changesets)
    {
        FileIdent = fileIdent;
        BaseServerVersion = baseServerVersion;
        Changesets = changesets;
    }

    public long FileIdent { get; }

    public long BaseServerVersion { get; }

    public IReadOnlyList<UploadedChangeset> Changesets { get; }

    /// <summary>A flexible session's permission check, applied to each changeset after its transform (null: partition session).</summary>
    public Flexible.WriteGuard? Guard { get; init; }

    /// <summary>Not an upload: work that must run between integrations (compaction).</summary>
    public System.Func<System.Threading.CancellationToken, Task>? Exclusive { get; init; }

    public long StartedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public TaskCompletionSource<UploadOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The integrator's answer: the file's upload ack after this upload (and the server version it was integrated at),
/// or an error to send (nothing of the upload was integrated then).
/// </summary>
internal sealed record UploadOutcome(long UploadAck, long AckServerVersion, bool OnlyDuplicates, SyncErrorCode Error = SyncErrorCode.Unspecified, string? Message = null)
{
    public bool Failed => Error != SyncErrorCode.Unspecified;

    /// <summary>Writes of a flexible session that were not applied (compensating writes).</summary>
    public IReadOnlyList<Flexible.DeniedWrite> Denied { get; init; } = [];

    /// <summary>Objects of a flexible session whose writes the merge changed: their merged state is sent back.</summary>
    public IReadOnlyList<(string Class, string Key)> Resend { get; init; } = [];

    public static UploadOutcome Fail(SyncErrorCode code, string message) => new(0, 0, false, code, message);
}
