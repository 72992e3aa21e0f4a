using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Sync.Tests.Durability;

/// <summary>
/// The sync state the crash writer's realm file holds on disk, read with a read-only SQLite connection while the
/// writer may still be running: the client file ident and upload ack it persisted (table <c>sgs_sync_state</c>)
/// and its newest changeset version (<c>sgs_changesets</c>; uploaded as client versions <c>version * 1024 + part</c>).
/// </summary>
internal readonly record struct WriterFileState(long ClientFileIdent, long UploadAck, long LatestVersion)
{
    /// <summary>Encoded bytes of the file's changesets from <paramref name="version"/> on (0 when there is no file).</summary>
    public static long ChangesetBytesFrom(string baseFilePath, long version)
    {
        var path = RealmPath(baseFilePath);
        if (path is null)
        {
            return 0;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(LENGTH(data)), 0) FROM sgs_changesets WHERE version >= $v";
        command.Parameters.AddWithValue("$v", version);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>All zero until the file exists (ident and ack zero until its session has been bound).</summary>
    public static WriterFileState Read(string baseFilePath)
    {
        var path = RealmPath(baseFilePath);
        if (path is null)
        {
            return default;
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT MAX(version) FROM sgs_changesets), client_file_ident, upload_ack FROM sgs_sync_state WHERE id = 1";
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new WriterFileState(reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(0) ? 0 : reader.GetInt64(0))
                : default;
        }
        catch (SqliteException)
        {
            // Not created yet, or busy for a moment: nothing known yet.
            return default;
        }
    }

    /// <summary>The writer's realm file: <c>default.realm</c> in its user's folder (null before it exists).</summary>
    private static string? RealmPath(string baseFilePath)
    {
        var users = Path.Combine(baseFilePath, "sourcegensync");
        return Directory.Exists(users)
            ? Directory.EnumerateFiles(users, "default.realm", SearchOption.AllDirectories).SingleOrDefault()
            : null;
    }
}
