using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Server.Storage;

/// <summary>The SQLite tables (docs/server.md, "Storage layout"). Created idempotently on every start.</summary>
internal static class SqliteStoreSchema
{
    public const string CreateTables = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY, email TEXT UNIQUE, provider TEXT NOT NULL,
            password_hash BLOB, password_salt BLOB, password_iterations INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL, claims_json TEXT) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS refresh_tokens (
            token_hash BLOB PRIMARY KEY, user_id TEXT NOT NULL, provider TEXT NOT NULL,
            expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY, key_hash BLOB NOT NULL UNIQUE, user_id TEXT NOT NULL, name TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS api_keys_user ON api_keys(user_id);
        CREATE TABLE IF NOT EXISTS realms (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, head INTEGER NOT NULL DEFAULT 0,
            compacted_through INTEGER NOT NULL DEFAULT 0, schema_json TEXT NOT NULL DEFAULT '[]');
        CREATE TABLE IF NOT EXISTS client_files (
            ident INTEGER PRIMARY KEY AUTOINCREMENT, salt INTEGER NOT NULL, realm_id INTEGER NOT NULL REFERENCES realms(id),
            user_id TEXT NOT NULL, upload_ack INTEGER NOT NULL DEFAULT 0, last_integrated_version INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS history (
            realm_id INTEGER NOT NULL, server_version INTEGER NOT NULL, origin_file INTEGER NOT NULL,
            origin_client_version INTEGER NOT NULL, origin_timestamp INTEGER NOT NULL, integrated_at INTEGER NOT NULL,
            size INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (realm_id, server_version)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS history_origin ON history(realm_id, origin_file, server_version);
        CREATE TABLE IF NOT EXISTS objects (
            realm_id INTEGER NOT NULL, class TEXT NOT NULL, pk TEXT NOT NULL, doc TEXT NOT NULL,
            PRIMARY KEY (realm_id, class, pk)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS client_views (
            ident INTEGER NOT NULL, class TEXT NOT NULL, pk TEXT NOT NULL,
            entered_cursor INTEGER NOT NULL, entered_query INTEGER NOT NULL, left_cursor INTEGER, left_query INTEGER,
            PRIMARY KEY (ident, class, pk, entered_cursor, entered_query)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pending_reverts (
            ident INTEGER NOT NULL, class TEXT NOT NULL, pk TEXT NOT NULL, through INTEGER NOT NULL,
            PRIMARY KEY (ident, class, pk)) WITHOUT ROWID;
        """;

    /// <summary>
    /// Adds the columns that stores created by earlier versions lack (SQLite has no ADD COLUMN IF NOT EXISTS, so
    /// each is checked first): users.claims_json. Idempotent; runs in the start-up transaction.
    /// </summary>
    public static void AddMissingColumns(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('users') WHERE name = 'claims_json';";
        if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            using var alter = connection.CreateCommand();
            alter.Transaction = transaction;
            alter.CommandText = "ALTER TABLE users ADD COLUMN claims_json TEXT;";
            alter.ExecuteNonQuery();
        }
    }
}
