using System.Collections.Generic;

namespace SourceGenSync.Server.Storage;

// Data is the changeset bytes as integrated (after the merge transform), docs/changesets.md.
/// <summary>One integrated changeset in a realm's history, as stored and as downloaded.</summary>
internal sealed record HistoryEntry(long ServerVersion, long OriginFileIdent, long OriginClientVersion, long OriginTimestamp, byte[] Data);

// Head: the latest server version (0: empty history). CompactedThrough: history at or below it was removed, so
// fresh clients bootstrap from the state. SchemaJson: see RealmSchemaJson.
/// <summary>A realm's row.</summary>
internal sealed record RealmRecord(long Id, string Name, long Head, long CompactedThrough, string SchemaJson);

// UploadAck: the highest client version integrated from this file; LastIntegratedServerVersion: where (0: none).
/// <summary>A client file's row.</summary>
internal sealed record ClientFileRecord(long Ident, long Salt, long RealmId, string UserId, long UploadAck, long LastIntegratedServerVersion, long CreatedAt, long LastSeenAt);

// ClaimsJson: the user's claims for permission rules as a JSON object of strings (null: none), see Auth/UserClaims.cs.
internal sealed record UserRecord(string Id, string? Email, string Provider, byte[]? PasswordHash, byte[]? PasswordSalt, int PasswordIterations, long CreatedAt, string? ClaimsJson = null);

internal sealed record RefreshTokenRecord(string UserId, string Provider, long ExpiresAt, bool Revoked);

internal sealed record ApiKeyRecord(string Id, string UserId, string Name, bool Disabled, long CreatedAt);

/// <summary>A merged object's new document (JSON), or its removal (<see cref="Json"/> null).</summary>
internal readonly record struct DocumentWrite(string Class, string Key, string? Json);

// FileAcks: per client file, the new upload ack and the server version of that changeset. Reverts: objects whose
// writes a flexible session's guard denied, to be reverted on that file (Through: the changeset's server version).
/// <summary>Everything one integration writes, committed in ONE transaction before any ack is sent.</summary>
internal sealed record IntegrationCommit(
    long RealmId,
    IReadOnlyList<HistoryEntry> Entries,
    IReadOnlyList<DocumentWrite> Documents,
    IReadOnlyList<(long Ident, long UploadAck, long ServerVersion)> FileAcks,
    long IntegratedAtMs)
{
    public IReadOnlyList<PendingRevert> Reverts { get; init; } = [];
}

/// <summary>An object a client file must be sent the server's state of, until it binds with a cursor at or past <see cref="Through"/>.</summary>
internal readonly record struct PendingRevert(long Ident, string Class, string Key, long Through);
