using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// Opens the SQLite file behind a realm: checks that an existing file really is SQLite before touching it (a
/// foreign file is reported and left intact), then sets WAL with full sync so a commit that returned survives a
/// crash, and registers the functions the query compiler uses.
/// </summary>
internal static class RealmFile
{
    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    public static SqliteConnection Open(string path, bool readOnly)
    {
        var exists = File.Exists(path);
        if (exists)
        {
            CheckHeader(path);
        }
        else if (readOnly)
        {
            throw new RealmFileAccessErrorException($"The realm '{path}' does not exist, and a read-only realm cannot create it. Open it writable once, or check the path.");
        }
        else
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RealmFileAccessErrorException($"The folder of the realm '{path}' cannot be created: {e.Message}", e);
            }
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            // Realms hold their connection for their whole life; pooling would only keep files open after Dispose.
            Pooling = false,
            // Another instance's write transaction holds the lock for at most one transaction: wait for it.
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            SqliteFunctions.Register(connection);

            // WAL is switched on by SchemaManager once the file is known to be a realm: setting it here would
            // rewrite the header of a foreign SQLite database we are about to refuse.
            // SQLite's own busy handler waits in short steps; Microsoft.Data.Sqlite's retry (DefaultTimeout) sleeps
            // ~150 ms per attempt, which a writer colliding with the sync session's transaction felt as a stall.
            Execute(connection, "PRAGMA busy_timeout=60000");
            Execute(connection, "PRAGMA synchronous=FULL");
            // Up to 32 MiB of page cache (allocated only as used; SQLite's default is 2 MiB): a large write
            // transaction (a bulk insert and its changeset) stays in memory until its commit instead of spilling
            // dirty pages to the WAL half-way and re-reading them.
            Execute(connection, "PRAGMA cache_size=-32768");
            // Touch the schema so a file with a valid header but damaged pages fails here, not mid-query.
            Execute(connection, "SELECT count(*) FROM sqlite_master");
            return connection;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            connection.Dispose();
            throw new RealmCorruptFileException($"The file '{path}' is not a valid realm (SQLite reports: {e.Message}). It was left untouched; move it away or open another path.", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 14 or 8 or 23)
        {
            connection.Dispose();
            throw new RealmFileAccessErrorException($"The realm '{path}' cannot be opened: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Write-ahead logging: readers keep their snapshot while a writer commits, and commits are one fsync.</summary>
    public static void EnableWriteAheadLog(SqliteConnection connection) => Execute(connection, "PRAGMA journal_mode=WAL");

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every file SQLite writes for a realm (the database, its write-ahead log and shared-memory index).</summary>
    public static string[] FilesOf(string path) => [path, path + "-wal", path + "-shm", path + "-journal"];

    private static void CheckHeader(string path)
    {
        Span<byte> header = stackalloc byte[16];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RealmFileAccessErrorException($"The realm '{path}' cannot be read: {e.Message}", e);
        }

        // An empty file is what a crash during creation leaves; SQLite initialises it like a new one.
        if (read != 0 && (read < header.Length || !header.SequenceEqual(SqliteHeader)))
        {
            throw new RealmCorruptFileException($"The file '{path}' is not a realm file (it is not an SQLite database). It was left untouched; move it away or open another path.");
        }
    }
}
