using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Sync;

/// <summary>
/// The sync state as stored, with what the session does not see: the upload floor. Client versions at or below it
/// are never uploaded: after a client reset, the changesets made under the old client file (acknowledged, discarded
/// or kept for recovery) stay in the change log but are not the new file's.
/// </summary>
internal sealed record StoredSyncState(long ClientFileIdent, long ClientFileSalt, long DownloadCursor, long UploadAck,
                                       long UploadFloor, string? ServerRealm, bool ResetPending, long ViewQueryVersion = 0)
{
    public SyncFileState Public => new(ClientFileIdent, ClientFileSalt, DownloadCursor, UploadAck, ServerRealm, ResetPending, ViewQueryVersion);

    /// <summary>Local parts above this client version still need uploading.</summary>
    public long UploadedThrough => UploadAck > UploadFloor ? UploadAck : UploadFloor;
}

/// <summary>
/// The sync tables in a realm file (docs/storage.md, "Sync state"), created on first use in their own transaction.
/// </summary>
internal static class SyncTables
{
    private static readonly string[] s_create =
    [
        "CREATE TABLE IF NOT EXISTS sgs_sync_state (id INTEGER PRIMARY KEY CHECK (id = 1), client_file_ident INTEGER NOT NULL, " +
            "client_file_salt INTEGER NOT NULL, download_cursor INTEGER NOT NULL, upload_ack INTEGER NOT NULL, " +
            "upload_floor INTEGER NOT NULL, server_realm TEXT, reset_pending INTEGER NOT NULL)",
        "INSERT OR IGNORE INTO sgs_sync_state (id, client_file_ident, client_file_salt, download_cursor, upload_ack, upload_floor, server_realm, reset_pending) VALUES (1, 0, 0, 0, 0, 0, NULL, 0)",
        "CREATE TABLE IF NOT EXISTS sgs_sync_downloaded (version INTEGER PRIMARY KEY, server_version INTEGER NOT NULL, " +
            "origin_file INTEGER NOT NULL, origin_timestamp INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sgs_sync_rewritten (client_version INTEGER PRIMARY KEY, timestamp INTEGER NOT NULL, data BLOB NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sgs_sync_recovery (client_version INTEGER PRIMARY KEY, timestamp INTEGER NOT NULL, data BLOB NOT NULL)",
    ];

    public static void Create(SqliteConnection connection)
    {
        RealmFile.Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            foreach (var statement in s_create)
            {
                RealmFile.Execute(connection, statement);
            }

            // Added with flexible sync: files synced before it gain the column (0: no subscription set integrated).
            if (!HasColumn(connection, "sgs_sync_state", "view_query_version"))
            {
                RealmFile.Execute(connection, "ALTER TABLE sgs_sync_state ADD COLUMN view_query_version INTEGER NOT NULL DEFAULT 0");
            }

            RealmFile.Execute(connection, "COMMIT");
        }
        catch
        {
            RealmFile.Execute(connection, "ROLLBACK");
            throw;
        }
    }

    public static StoredSyncState ReadState(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT client_file_ident, client_file_salt, download_cursor, upload_ack, upload_floor, server_realm, reset_pending, view_query_version FROM sgs_sync_state WHERE id = 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return new StoredSyncState(0, 0, 0, 0, 0, null, false);
        }

        return new StoredSyncState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6) != 0, reader.GetInt64(7));
    }

    public static void SaveCursors(SqliteConnection connection, long downloadCursor, long uploadAck) =>
        Execute(connection, "UPDATE sgs_sync_state SET download_cursor = $a, upload_ack = $b WHERE id = 1", downloadCursor, uploadAck);

    /// <summary>The subscription set the local view reflects (flexible sync), saved with the batch that brought it.</summary>
    public static void SaveViewQueryVersion(SqliteConnection connection, long queryVersion) =>
        Execute(connection, "UPDATE sgs_sync_state SET view_query_version = $a WHERE id = 1", queryVersion);

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info($t) WHERE name = $c";
        command.Parameters.AddWithValue("$t", table);
        command.Parameters.AddWithValue("$c", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Rewritten parts the server acknowledged are never uploaded again.</summary>
    public static void DeleteRewrittenThrough(SqliteConnection connection, long clientVersion) =>
        Execute(connection, "DELETE FROM sgs_sync_rewritten WHERE client_version <= $a", clientVersion);

    /// <summary>The change log's latest version and timestamp (0, 0 when empty).</summary>
    public static (long Version, long Timestamp) LatestChangeset(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0), coalesce(max(timestamp), 0) FROM sgs_changesets";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static void Execute(SqliteConnection connection, string sql, params object?[] arguments)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < arguments.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), arguments[i] ?? System.DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
