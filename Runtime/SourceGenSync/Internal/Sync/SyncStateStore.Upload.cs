using System;
using System.Collections.Generic;
using Google.Protobuf;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Internal.Sync;

internal sealed partial class SyncStateStore
{
    // The parts of the most recent multi-part changesets (a large commit is read many times while it uploads).
    private readonly Dictionary<long, byte[][]> _multiPartCache = [];

    /// <summary>
    /// The highest client version of the local changesets this file still owns: the last part of the newest local
    /// changeset (0 when there is none, or when every local changeset predates a client reset).
    /// </summary>
    public long LatestLocalClientVersion()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return InReadTransaction(() =>
            {
                var state = SyncTables.ReadState(_connection);
                using var command = _connection.CreateCommand();
                command.CommandText = LocalChangesetsSql + " DESC LIMIT 1";
                command.Parameters.AddWithValue("$from", 0L);
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return 0L;
                }

                var version = reader.GetInt64(0);
                var parts = PartsOf(version, reader.GetInt64(1), (byte[])reader.GetValue(2));
                var latest = UploadParts.LastClientVersion(version, parts.Count);
                return latest > state.UploadFloor ? latest : 0L;
            });
        }
    }

    /// <summary>
    /// The parts still to upload after <paramref name="afterClientVersion"/> (and after the persisted ack), oldest
    /// first, in their latest transformed form: at most <paramref name="maxCount"/> parts and
    /// <paramref name="maxBytes"/> bytes of data, but always at least one part when there is one.
    /// </summary>
    public IReadOnlyList<UploadChangeset> ReadUploadable(long afterClientVersion, int maxCount, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_gate)
        {
            ThrowIfDisposed();
            return InReadTransaction(() =>
            {
                var result = new List<UploadChangeset>();
                long bytes = 0;
                foreach (var part in EnumerateParts(afterClientVersion))
                {
                    if (result.Count > 0 && (result.Count >= maxCount || bytes + part.Data.Length > maxBytes))
                    {
                        break;
                    }

                    result.Add(new UploadChangeset
                    {
                        ClientVersion = part.ClientVersion,
                        OriginTimestamp = part.Timestamp,
                        Data = UnsafeByteOperations.UnsafeWrap(part.Data),
                    });
                    bytes += part.Data.Length;
                }

                return (IReadOnlyList<UploadChangeset>)result;
            });
        }
    }

    /// <summary>Encoded bytes of the parts still to upload after <paramref name="afterClientVersion"/> (upload progress).</summary>
    public long PendingUploadBytes(long afterClientVersion)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return InReadTransaction(() =>
            {
                long total = 0;
                foreach (var part in EnumerateParts(afterClientVersion, lengthsOnly: true))
                {
                    total += part.Length;
                }

                return total;
            });
        }
    }

    /// <summary>Local changesets (change-log rows that did not come from the server) from a version on, oldest first.</summary>
    private const string LocalChangesetsSql =
        "SELECT c.version, c.timestamp, c.data FROM sgs_changesets c WHERE c.version >= $from " +
        "AND NOT EXISTS (SELECT 1 FROM sgs_sync_downloaded d WHERE d.version = c.version) ORDER BY c.version";

    /// <summary>
    /// Every unacknowledged local part after <paramref name="afterClientVersion"/>: the rewritten form where a
    /// download transformed it, else the part as split from the change log. With <paramref name="lengthsOnly"/>,
    /// single-part changesets are measured without being copied (their Data is then empty).
    /// </summary>
    private IEnumerable<LocalPart> EnumerateParts(long afterClientVersion, bool lengthsOnly = false)
    {
        var state = SyncTables.ReadState(_connection);
        var after = Math.Max(afterClientVersion, state.UploadedThrough);
        var rewritten = ReadRewritten(after);
        EvictPartsThrough(after);

        using var command = _connection.CreateCommand();
        command.CommandText = LocalChangesetsSql;
        command.Parameters.AddWithValue("$from", UploadParts.LocalVersionOf(after));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var version = reader.GetInt64(0);
            var timestamp = reader.GetInt64(1);
            var data = (byte[])reader.GetValue(2);
            if (UploadParts.IsSinglePart(data.Length, MaxUploadPartBytes))
            {
                var clientVersion = UploadParts.ClientVersion(version, 0);
                if (clientVersion <= after)
                {
                    continue;
                }

                if (rewritten.TryGetValue(clientVersion, out var transformed))
                {
                    yield return new LocalPart(clientVersion, transformed.Timestamp, transformed.Data, transformed.Data.Length);
                }
                else if (lengthsOnly)
                {
                    yield return new LocalPart(clientVersion, timestamp, [], UploadParts.LengthWithVersion(data.Length, version, clientVersion));
                }
                else
                {
                    var part = UploadParts.WithVersion(data, clientVersion);
                    yield return new LocalPart(clientVersion, timestamp, part, part.Length);
                }

                continue;
            }

            var parts = PartsOf(version, timestamp, data);
            for (var p = 0; p < parts.Count; p++)
            {
                var clientVersion = UploadParts.ClientVersion(version, p);
                if (clientVersion <= after)
                {
                    continue;
                }

                var (partTimestamp, partData) = rewritten.TryGetValue(clientVersion, out var transformed)
                    ? transformed
                    : (timestamp, parts[p]);
                yield return new LocalPart(clientVersion, partTimestamp, partData, partData.Length);
            }
        }
    }

    private Dictionary<long, (long Timestamp, byte[] Data)> ReadRewritten(long after)
    {
        var rewritten = new Dictionary<long, (long, byte[])>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT client_version, timestamp, data FROM sgs_sync_rewritten WHERE client_version > $after";
        command.Parameters.AddWithValue("$after", after);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rewritten[reader.GetInt64(0)] = (reader.GetInt64(1), (byte[])reader.GetValue(2));
        }

        return rewritten;
    }

    /// <summary>The parts of a local changeset as split from its change-log row (cached when there are several).</summary>
    private IReadOnlyList<byte[]> PartsOf(long version, long timestamp, byte[] stored)
    {
        if (UploadParts.IsSinglePart(stored.Length, MaxUploadPartBytes))
        {
            return [UploadParts.WithVersion(stored, UploadParts.ClientVersion(version, 0))];
        }

        if (!_multiPartCache.TryGetValue(version, out var parts))
        {
            parts = UploadParts.Split(version, timestamp, stored, MaxUploadPartBytes).ToArray();
            _multiPartCache[version] = parts;
        }

        return parts;
    }

    private void EvictPartsThrough(long clientVersion)
    {
        var version = UploadParts.LocalVersionOf(clientVersion);
        List<long>? stale = null;
        foreach (var cached in _multiPartCache.Keys)
        {
            if (cached < version)
            {
                (stale ??= []).Add(cached);
            }
        }

        foreach (var key in stale ?? [])
        {
            _multiPartCache.Remove(key);
        }
    }

    /// <summary>Runs reads in one snapshot (a deferred transaction), so the state and the parts agree.</summary>
    private T InReadTransaction<T>(Func<T> body)
    {
        RealmFile.Execute(_connection, "BEGIN");
        try
        {
            return body();
        }
        finally
        {
            RealmFile.Execute(_connection, "COMMIT");
        }
    }

    private readonly record struct LocalPart(long ClientVersion, long Timestamp, byte[] Data, int Length);
}
