using System;
using System.Collections.Generic;

namespace SourceGenSync.Sync;

/// <summary>One write the server did not apply: the object (class and primary key) and why.</summary>
/// <param name="ObjectType">The class's stored name.</param>
/// <param name="PrimaryKey">The object's primary key.</param>
/// <param name="Reason">Why the server refused it (a write rule, or the object lies outside the subscriptions).</param>
public sealed record CompensatingWriteInfo(string ObjectType, RealmValue PrimaryKey, string Reason);

/// <summary>
/// Reported to <see cref="SyncConfiguration.OnSessionError"/> when the server refused some writes of a flexible-sync
/// realm (docs/permissions.md). The session continues; the server sends each object's actual state, which replaces
/// the local one (or removes it, if the user may not see it), so the local file reverts to what the server holds.
/// </summary>
public sealed class CompensatingWriteException : SessionException
{
    public CompensatingWriteException(string message, IReadOnlyList<CompensatingWriteInfo> writes, Exception? innerException = null)
        : base(message, SyncErrorCode.CompensatingWrite, SyncErrorAction.Warning, isFatal: false, innerException)
    {
        ArgumentNullException.ThrowIfNull(writes);
        CompensatingWrites = writes;
    }

    /// <summary>The writes the server did not apply (at most the server's report limit; the message has the count).</summary>
    public IReadOnlyList<CompensatingWriteInfo> CompensatingWrites { get; }
}
