using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Server.Storage;

// Realms, client files, history and merged state.
internal sealed partial class SqliteSyncStore
{
    private const string RealmColumns = "id, name, head, compacted_through, schema_json";

    public Task<RealmRecord?> FindRealmAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection => FindRealm(connection, null, name)));
    }

    public Task<RealmRecord> GetOrCreateRealmAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection => FindRealm(connection, null, name)) ?? Write(connection =>
        {
            using var insert = Command(connection, null, "INSERT INTO realms(name) VALUES ($n) ON CONFLICT(name) DO NOTHING;");
            insert.Parameters.AddWithValue("$n", name);
            insert.ExecuteNonQuery();
            return FindRealm(connection, null, name)!;
        }));
    }

    public Task<IReadOnlyList<RealmRecord>> ListRealmsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<RealmRecord>>(connection =>
        {
            using var command = Command(connection, null, $"SELECT {RealmColumns} FROM realms ORDER BY id;");
            using var reader = command.ExecuteReader();
            var realms = new List<RealmRecord>();
            while (reader.Read())
            {
                realms.Add(ReadRealm(reader));
            }

            return realms;
        }));
    }

    public Task SaveRealmSchemaAsync(long realmId, string schemaJson, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(connection =>
        {
            using var command = Command(connection, null, "UPDATE realms SET schema_json = $s WHERE id = $id;");
            command.Parameters.AddWithValue("$s", schemaJson);
            command.Parameters.AddWithValue("$id", realmId);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public Task<ClientFileRecord> CreateClientFileAsync(long realmId, string userId, long salt, long now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(connection =>
        {
            using var command = Command(connection, null, "INSERT INTO client_files(salt, realm_id, user_id, created_at, last_seen_at) VALUES ($s, $r, $u, $n, $n) RETURNING ident;");
            command.Parameters.AddWithValue("$s", salt);
            command.Parameters.AddWithValue("$r", realmId);
            command.Parameters.AddWithValue("$u", userId);
            command.Parameters.AddWithValue("$n", now);
            var ident = (long)command.ExecuteScalar()!;
            return new ClientFileRecord(ident, salt, realmId, userId, 0, 0, now, now);
        }));
    }

    public Task<ClientFileRecord?> FindClientFileAsync(long ident, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            using var command = Command(connection, null, "SELECT ident, salt, realm_id, user_id, upload_ack, last_integrated_version, created_at, last_seen_at FROM client_files WHERE ident = $i;");
            command.Parameters.AddWithValue("$i", ident);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new ClientFileRecord(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7))
                : null;
        }));
    }

    public Task TouchClientFileAsync(long ident, long now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(connection =>
        {
            using var command = Command(connection, null, "UPDATE client_files SET last_seen_at = $n WHERE ident = $i;");
            command.Parameters.AddWithValue("$n", now);
            command.Parameters.AddWithValue("$i", ident);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(long realmId, long after, long upTo, long maxBytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read<IReadOnlyList<HistoryEntry>>(connection =>
        {
            using var command = Command(connection, null, """
                SELECT server_version, origin_file, origin_client_version, origin_timestamp, data FROM history
                WHERE realm_id = $r AND server_version > $a AND server_version <= $u ORDER BY server_version;
                """);
            command.Parameters.AddWithValue("$r", realmId);
            command.Parameters.AddWithValue("$a", after);
            command.Parameters.AddWithValue("$u", upTo);
            using var reader = command.ExecuteReader();
            var entries = new List<HistoryEntry>();
            long bytes = 0;
            while (reader.Read())
            {
                var data = (byte[])reader.GetValue(4);
                entries.Add(new HistoryEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), data));
                bytes += data.Length;
                if (bytes >= maxBytes)
                {
                    break;
                }
            }

            return entries;
        }));
    }

    public Task<long> MeasureHistoryAsync(long realmId, long after, long upTo, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            using var command = Command(connection, null, "SELECT COALESCE(SUM(size), 0) FROM history WHERE realm_id = $r AND server_version > $a AND server_version <= $u;");
            command.Parameters.AddWithValue("$r", realmId);
            command.Parameters.AddWithValue("$a", after);
            command.Parameters.AddWithValue("$u", upTo);
            return (long)command.ExecuteScalar()!;
        }));
    }

    public Task<long> FindUploadAckAtAsync(long realmId, long ident, long atVersion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            using var command = Command(connection, null, "SELECT COALESCE(MAX(origin_client_version), 0) FROM history WHERE realm_id = $r AND origin_file = $f AND server_version <= $v;");
            command.Parameters.AddWithValue("$r", realmId);
            command.Parameters.AddWithValue("$f", ident);
            command.Parameters.AddWithValue("$v", atVersion);
            return (long)command.ExecuteScalar()!;
        }));
    }

    public Task<IReadOnlyDictionary<(string Class, string Key), string>> ReadDocumentsAsync(long realmId, IReadOnlyCollection<(string Class, string Key)> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            return ReadDocuments(connection, transaction, realmId, keys);
        }));
    }

    /// <summary>The documents of the given objects that exist, read inside <paramref name="transaction"/>.</summary>
    private static IReadOnlyDictionary<(string Class, string Key), string> ReadDocuments(SqliteConnection connection, SqliteTransaction transaction, long realmId, IReadOnlyCollection<(string Class, string Key)> keys)
    {
        var found = new Dictionary<(string, string), string>();
        using var command = Command(connection, transaction, "SELECT doc FROM objects WHERE realm_id = $r AND class = $c AND pk = $k;");
        var (r, c, k) = (Param(command, "$r"), Param(command, "$c"), Param(command, "$k"));
        r.Value = realmId;
        foreach (var key in keys)
        {
            (c.Value, k.Value) = (key.Class, key.Key);
            if (command.ExecuteScalar() is string json)
            {
                found[key] = json;
            }
        }

        return found;
    }

    public Task<(long Version, IReadOnlyList<(string Class, string Key, string Json)> Documents)> ReadStateAsync(long realmId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(connection =>
        {
            // One read transaction: the documents and the head are from the same commit.
            using var transaction = connection.BeginTransaction(deferred: true);
            using var head = Command(connection, transaction, "SELECT head FROM realms WHERE id = $r;");
            head.Parameters.AddWithValue("$r", realmId);
            var version = (long)head.ExecuteScalar()!;
            using var command = Command(connection, transaction, "SELECT class, pk, doc FROM objects WHERE realm_id = $r ORDER BY class, pk;");
            command.Parameters.AddWithValue("$r", realmId);
            using var reader = command.ExecuteReader();
            var documents = new List<(string, string, string)>();
            while (reader.Read())
            {
                documents.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }

            return (version, (IReadOnlyList<(string, string, string)>)documents);
        }));
    }

    public Task<long> CommitIntegrationAsync(IntegrationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            long head;
            using (var insert = Command(connection, transaction, """
                INSERT INTO history(realm_id, server_version, origin_file, origin_client_version, origin_timestamp, integrated_at, size, data)
                VALUES ($r, $v, $f, $cv, $t, $at, $size, $d);
                """))
            {
                var (r, v, f, cv, t, at, size, d) = (Param(insert, "$r"), Param(insert, "$v"), Param(insert, "$f"), Param(insert, "$cv"), Param(insert, "$t"), Param(insert, "$at"), Param(insert, "$size"), Param(insert, "$d"));
                r.Value = commit.RealmId;
                at.Value = commit.IntegratedAtMs;
                foreach (var entry in commit.Entries)
                {
                    (v.Value, f.Value, cv.Value, t.Value, size.Value, d.Value) = (entry.ServerVersion, entry.OriginFileIdent, entry.OriginClientVersion, entry.OriginTimestamp, entry.Data.Length, entry.Data);
                    insert.ExecuteNonQuery();
                }
            }

            WriteDocuments(connection, transaction, commit);
            WriteReverts(connection, transaction, commit);
            using (var files = Command(connection, transaction, "UPDATE client_files SET upload_ack = MAX(upload_ack, $a), last_integrated_version = MAX(last_integrated_version, $v) WHERE ident = $i;"))
            {
                var (a, v, i) = (Param(files, "$a"), Param(files, "$v"), Param(files, "$i"));
                foreach (var (ident, ack, version) in commit.FileAcks)
                {
                    (a.Value, v.Value, i.Value) = (ack, version, ident);
                    files.ExecuteNonQuery();
                }
            }

            using (var realm = Command(connection, transaction, "UPDATE realms SET head = MAX(head, $h) WHERE id = $r RETURNING head;"))
            {
                realm.Parameters.AddWithValue("$r", commit.RealmId);
                realm.Parameters.AddWithValue("$h", commit.Entries.Count == 0 ? 0 : commit.Entries[^1].ServerVersion);
                head = (long)realm.ExecuteScalar()!;
            }

            transaction.Commit();
            return head;
        }));
    }

    public Task<(long Removed, long Through)> CompactAsync(long realmId, long olderThanMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var through = Command(connection, transaction, "SELECT COALESCE(MAX(server_version), 0) FROM history WHERE realm_id = $r AND integrated_at < $t;");
            through.Parameters.AddWithValue("$r", realmId);
            through.Parameters.AddWithValue("$t", olderThanMs);
            var version = (long)through.ExecuteScalar()!;
            if (version == 0)
            {
                return (0L, 0L);
            }

            using var delete = Command(connection, transaction, "DELETE FROM history WHERE realm_id = $r AND server_version <= $v;");
            delete.Parameters.AddWithValue("$r", realmId);
            delete.Parameters.AddWithValue("$v", version);
            var removed = delete.ExecuteNonQuery();
            using var update = Command(connection, transaction, "UPDATE realms SET compacted_through = MAX(compacted_through, $v) WHERE id = $r;");
            update.Parameters.AddWithValue("$r", realmId);
            update.Parameters.AddWithValue("$v", version);
            update.ExecuteNonQuery();
            transaction.Commit();
            return ((long)removed, version);
        }));
    }

    private static void WriteDocuments(SqliteConnection connection, SqliteTransaction transaction, IntegrationCommit commit)
    {
        using var upsert = Command(connection, transaction, "INSERT INTO objects(realm_id, class, pk, doc) VALUES ($r, $c, $k, $d) ON CONFLICT DO UPDATE SET doc = excluded.doc;");
        using var delete = Command(connection, transaction, "DELETE FROM objects WHERE realm_id = $r AND class = $c AND pk = $k;");
        var (ur, uc, uk, ud) = (Param(upsert, "$r"), Param(upsert, "$c"), Param(upsert, "$k"), Param(upsert, "$d"));
        var (dr, dc, dk) = (Param(delete, "$r"), Param(delete, "$c"), Param(delete, "$k"));
        ur.Value = dr.Value = commit.RealmId;
        foreach (var write in commit.Documents)
        {
            if (write.Json is null)
            {
                (dc.Value, dk.Value) = (write.Class, write.Key);
                delete.ExecuteNonQuery();
            }
            else
            {
                (uc.Value, uk.Value, ud.Value) = (write.Class, write.Key, write.Json);
                upsert.ExecuteNonQuery();
            }
        }
    }

    private static SqliteParameter Param(SqliteCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static RealmRecord? FindRealm(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = Command(connection, transaction, $"SELECT {RealmColumns} FROM realms WHERE name = $n;");
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRealm(reader) : null;
    }

    private static RealmRecord ReadRealm(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4));
}
