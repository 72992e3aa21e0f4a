using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Server.Storage;

// Flexible sync: consistent snapshots for view evaluation, and the per-file view table (docs/server.md).
internal sealed partial class SqliteSyncStore
{
    public Task<T> ReadSnapshotAsync<T>(long realmId, Func<IStateSnapshot, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            // Only these reads evaluate subscriptions and rules over the documents: the functions they need are
            // registered here, not on every store connection.
            Permissions.DocumentSqlFunctions.Register(connection);

            // A deferred transaction's snapshot starts at its first read (the head) and holds for every later one.
            using var transaction = connection.BeginTransaction(deferred: true);
            return read(new Snapshot(connection, transaction, realmId));
        }));
    }

    public Task<IReadOnlyList<(string Class, string Key)>> LoadClientViewAsync(long ident, long cursor, long queryVersion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write<IReadOnlyList<(string, string)>>(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            const string After = "(@c > $c OR (@c = $c AND @q > $q))";
            foreach (var sql in new[]
            {
                $"DELETE FROM client_views WHERE ident = $i AND {After.Replace("@c", "entered_cursor", StringComparison.Ordinal).Replace("@q", "entered_query", StringComparison.Ordinal)};",
                $"UPDATE client_views SET left_cursor = NULL, left_query = NULL WHERE ident = $i AND left_cursor IS NOT NULL AND {After.Replace("@c", "left_cursor", StringComparison.Ordinal).Replace("@q", "left_query", StringComparison.Ordinal)};",
                "DELETE FROM client_views WHERE ident = $i AND left_cursor IS NOT NULL;",
            })
            {
                using var command = Command(connection, transaction, sql);
                command.Parameters.AddWithValue("$i", ident);
                command.Parameters.AddWithValue("$c", cursor);
                command.Parameters.AddWithValue("$q", queryVersion);
                command.ExecuteNonQuery();
            }

            var view = new List<(string, string)>();
            using (var select = Command(connection, transaction, "SELECT class, pk FROM client_views WHERE ident = $i;"))
            {
                select.Parameters.AddWithValue("$i", ident);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    view.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            transaction.Commit();
            return view;
        }));
    }

    public Task SaveClientViewChangesAsync(long ident, long cursor, long queryVersion, IReadOnlyCollection<(string Class, string Key)> entered, IReadOnlyCollection<(string Class, string Key)> left, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entered);
        ArgumentNullException.ThrowIfNull(left);
        cancellationToken.ThrowIfCancellationRequested();
        if (entered.Count == 0 && left.Count == 0)
        {
            return Task.CompletedTask;
        }

        Write(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var leave = Command(connection, transaction, "UPDATE client_views SET left_cursor = $c, left_query = $q WHERE ident = $i AND class = $cl AND pk = $k AND left_cursor IS NULL;"))
            {
                var (i, c, q, cl, k) = (Param(leave, "$i"), Param(leave, "$c"), Param(leave, "$q"), Param(leave, "$cl"), Param(leave, "$k"));
                (i.Value, c.Value, q.Value) = (ident, cursor, queryVersion);
                foreach (var key in left)
                {
                    (cl.Value, k.Value) = (key.Class, key.Key);
                    leave.ExecuteNonQuery();
                }
            }

            using (var enter = Command(connection, transaction, "INSERT OR IGNORE INTO client_views(ident, class, pk, entered_cursor, entered_query) VALUES ($i, $cl, $k, $c, $q);"))
            {
                var (i, c, q, cl, k) = (Param(enter, "$i"), Param(enter, "$c"), Param(enter, "$q"), Param(enter, "$cl"), Param(enter, "$k"));
                (i.Value, c.Value, q.Value) = (ident, cursor, queryVersion);
                foreach (var key in entered)
                {
                    (cl.Value, k.Value) = (key.Class, key.Key);
                    enter.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return 0;
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string Class, string Key)>> TakeOutstandingRevertsAsync(long ident, long cursor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write<IReadOnlyList<(string, string)>>(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var forget = Command(connection, transaction, "DELETE FROM pending_reverts WHERE ident = $i AND through <= $c;"))
            {
                forget.Parameters.AddWithValue("$i", ident);
                forget.Parameters.AddWithValue("$c", cursor);
                forget.ExecuteNonQuery();
            }

            var outstanding = new List<(string, string)>();
            using (var select = Command(connection, transaction, "SELECT class, pk FROM pending_reverts WHERE ident = $i;"))
            {
                select.Parameters.AddWithValue("$i", ident);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    outstanding.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            transaction.Commit();
            return outstanding;
        }));
    }

    // In the integration's transaction: a denied write is acknowledged only together with the record that it
    // still has to be reverted on its client (docs/protocol.md §11.4).
    private static void WriteReverts(SqliteConnection connection, SqliteTransaction transaction, IntegrationCommit commit)
    {
        if (commit.Reverts.Count == 0)
        {
            return;
        }

        using var upsert = Command(connection, transaction, "INSERT INTO pending_reverts(ident, class, pk, through) VALUES ($i, $c, $k, $t) ON CONFLICT DO UPDATE SET through = MAX(through, excluded.through);");
        var (i, c, k, t) = (Param(upsert, "$i"), Param(upsert, "$c"), Param(upsert, "$k"), Param(upsert, "$t"));
        foreach (var revert in commit.Reverts)
        {
            (i.Value, c.Value, k.Value, t.Value) = (revert.Ident, revert.Class, revert.Key, revert.Through);
            upsert.ExecuteNonQuery();
        }
    }

    private sealed class Snapshot(SqliteConnection connection, SqliteTransaction transaction, long realmId) : IStateSnapshot
    {
        private (long Head, long CompactedThrough)? _realm;

        public long Head => (_realm ??= ReadRealm()).Head;

        public long CompactedThrough => (_realm ??= ReadRealm()).CompactedThrough;

        public IReadOnlyList<HistoryEntry> ReadHistory(long after, long upTo)
        {
            _ = Head; // the snapshot is taken at the head, before anything else is read
            using var command = Command(connection, transaction, """
                SELECT server_version, origin_file, origin_client_version, origin_timestamp, data FROM history
                WHERE realm_id = $r AND server_version > $a AND server_version <= $u ORDER BY server_version;
                """);
            command.Parameters.AddWithValue("$r", realmId);
            command.Parameters.AddWithValue("$a", after);
            command.Parameters.AddWithValue("$u", upTo);
            using var reader = command.ExecuteReader();
            var entries = new List<HistoryEntry>();
            while (reader.Read())
            {
                entries.Add(new HistoryEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), (byte[])reader.GetValue(4)));
            }

            return entries;
        }

        public (long Ack, long AckServerVersion) UploadAckAt(long ident, long atVersion)
        {
            _ = Head;
            using (var history = Command(connection, transaction, """
                SELECT origin_client_version, server_version FROM history
                WHERE realm_id = $r AND origin_file = $f AND server_version <= $v ORDER BY server_version DESC LIMIT 1;
                """))
            {
                history.Parameters.AddWithValue("$r", realmId);
                history.Parameters.AddWithValue("$f", ident);
                history.Parameters.AddWithValue("$v", atVersion);
                using var reader = history.ExecuteReader();
                if (reader.Read())
                {
                    return (reader.GetInt64(0), reader.GetInt64(1));
                }
            }

            // Compacted away: the file's row still knows its last integration.
            using var file = Command(connection, transaction, "SELECT upload_ack, last_integrated_version FROM client_files WHERE ident = $f AND last_integrated_version <= $v;");
            file.Parameters.AddWithValue("$f", ident);
            file.Parameters.AddWithValue("$v", atVersion);
            using var row = file.ExecuteReader();
            return row.Read() ? (row.GetInt64(0), row.GetInt64(1)) : (0, 0);
        }

        public IReadOnlyList<string> MatchingKeys(string @class, string predicateSql, IReadOnlyList<KeyValuePair<string, object?>> parameters, IReadOnlyCollection<string>? among)
        {
            _ = Head;
            var sql = $"SELECT o.pk FROM objects AS o WHERE o.realm_id = $sgs_realm AND o.class = $sgs_class AND ({predicateSql})"
                + (among is null ? ";" : " AND o.pk IN (SELECT value FROM json_each($sgs_among));");
            using var command = Command(connection, transaction, sql);
            command.Parameters.AddWithValue("$sgs_realm", realmId);
            command.Parameters.AddWithValue("$sgs_class", @class);
            if (among is not null)
            {
                command.Parameters.AddWithValue("$sgs_among", JsonSerializer.Serialize(among, StoreJson.Default.IReadOnlyCollectionString));
            }

            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            using var reader = command.ExecuteReader();
            var keys = new List<string>();
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }

            return keys;
        }

        public IReadOnlyDictionary<(string Class, string Key), string> ReadDocuments(IReadOnlyCollection<(string Class, string Key)> keys)
        {
            _ = Head;
            return SqliteSyncStore.ReadDocuments(connection, transaction, realmId, keys);
        }

        private (long, long) ReadRealm()
        {
            using var realm = Command(connection, transaction, "SELECT head, compacted_through FROM realms WHERE id = $r;");
            realm.Parameters.AddWithValue("$r", realmId);
            using var reader = realm.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class StoreJson : System.Text.Json.Serialization.JsonSerializerContext;
