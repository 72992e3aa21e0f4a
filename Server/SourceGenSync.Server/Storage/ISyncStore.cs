using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Server.Storage;

/// <summary>
/// Everything the server persists, behind one interface (SQLite now; PostgreSQL later). Contract: a write method
/// returns only after its data is durable, and <see cref="CommitIntegrationAsync"/> is one atomic transaction —
/// the server acknowledges an upload only after it returned.
/// </summary>
internal interface ISyncStore : IDisposable
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The HS256 key for access tokens: generated and saved on first use, the same on every later start.</summary>
    Task<byte[]> GetOrCreateSigningKeyAsync(Func<byte[]> generate, CancellationToken cancellationToken);

    // Users and credentials.
    Task<bool> TryCreateUserAsync(UserRecord user, CancellationToken cancellationToken);
    Task<UserRecord?> FindUserByEmailAsync(string email, CancellationToken cancellationToken);
    Task<UserRecord?> FindUserAsync(string userId, CancellationToken cancellationToken);
    /// <summary>Replaces the user's claims (null: none); false when there is no such user.</summary>
    Task<bool> SetUserClaimsAsync(string userId, string? claimsJson, CancellationToken cancellationToken);
    Task AddRefreshTokenAsync(byte[] tokenHash, RefreshTokenRecord token, CancellationToken cancellationToken);
    Task<RefreshTokenRecord?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken);
    Task<bool> RevokeRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken);
    Task AddApiKeyAsync(byte[] keyHash, ApiKeyRecord key, CancellationToken cancellationToken);
    Task<ApiKeyRecord?> FindApiKeyAsync(byte[] keyHash, CancellationToken cancellationToken);
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(string userId, CancellationToken cancellationToken);
    Task<bool> DisableApiKeyAsync(string userId, string keyId, CancellationToken cancellationToken);

    // Realms, schema, client files.
    Task<RealmRecord?> FindRealmAsync(string name, CancellationToken cancellationToken);
    Task<RealmRecord> GetOrCreateRealmAsync(string name, CancellationToken cancellationToken);
    Task<IReadOnlyList<RealmRecord>> ListRealmsAsync(CancellationToken cancellationToken);
    Task SaveRealmSchemaAsync(long realmId, string schemaJson, CancellationToken cancellationToken);
    Task<ClientFileRecord> CreateClientFileAsync(long realmId, string userId, long salt, long now, CancellationToken cancellationToken);
    Task<ClientFileRecord?> FindClientFileAsync(long ident, CancellationToken cancellationToken);
    Task TouchClientFileAsync(long ident, long now, CancellationToken cancellationToken);

    // History and state.
    /// <summary>Entries with after &lt; server version ≤ upTo, oldest first, stopping once maxBytes of data were read (at least one entry).</summary>
    Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(long realmId, long after, long upTo, long maxBytes, CancellationToken cancellationToken);
    /// <summary>Total changeset bytes with after &lt; server version ≤ upTo (for downloadable_bytes).</summary>
    Task<long> MeasureHistoryAsync(long realmId, long after, long upTo, CancellationToken cancellationToken);
    /// <summary>The highest client version of <paramref name="ident"/> integrated at or below <paramref name="atVersion"/> (0: none kept).</summary>
    Task<long> FindUploadAckAtAsync(long realmId, long ident, long atVersion, CancellationToken cancellationToken);
    /// <summary>The documents of the given objects that exist (keyed by (class, key)).</summary>
    Task<IReadOnlyDictionary<(string Class, string Key), string>> ReadDocumentsAsync(long realmId, IReadOnlyCollection<(string Class, string Key)> keys, CancellationToken cancellationToken);
    /// <summary>The whole merged state and the version it is at, read in one snapshot.</summary>
    Task<(long Version, IReadOnlyList<(string Class, string Key, string Json)> Documents)> ReadStateAsync(long realmId, CancellationToken cancellationToken);
    Task<long> CommitIntegrationAsync(IntegrationCommit commit, CancellationToken cancellationToken);

    // Flexible sync (docs/protocol.md §11).
    /// <summary>Runs <paramref name="read"/> inside one read transaction of the realm (see <see cref="IStateSnapshot"/>).</summary>
    Task<T> ReadSnapshotAsync<T>(long realmId, System.Func<IStateSnapshot, T> read, CancellationToken cancellationToken);
    /// <summary>
    /// The objects a client file holds as of the batch it last integrated, (cursor, queryVersion): view changes
    /// recorded after that point are undone (the client never integrated them) and changes it has confirmed are forgotten.
    /// </summary>
    Task<IReadOnlyList<(string Class, string Key)>> LoadClientViewAsync(long ident, long cursor, long queryVersion, CancellationToken cancellationToken);
    /// <summary>
    /// The objects whose denied writes <paramref name="ident"/> has not been reverted on yet: reverts recorded at or
    /// below <paramref name="cursor"/> were integrated by the file and are forgotten; the rest are returned.
    /// </summary>
    Task<IReadOnlyList<(string Class, string Key)>> TakeOutstandingRevertsAsync(long ident, long cursor, CancellationToken cancellationToken);
    /// <summary>Records the view changes of a batch that ends at (cursor, queryVersion), before it is sent.</summary>
    Task SaveClientViewChangesAsync(long ident, long cursor, long queryVersion, IReadOnlyCollection<(string Class, string Key)> entered, IReadOnlyCollection<(string Class, string Key)> left, CancellationToken cancellationToken);

    /// <summary>Removes history integrated before <paramref name="olderThanMs"/>; returns (removed, compacted-through version).</summary>
    Task<(long Removed, long Through)> CompactAsync(long realmId, long olderThanMs, CancellationToken cancellationToken);
}
