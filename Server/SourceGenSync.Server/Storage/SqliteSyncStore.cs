using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Server.Storage;

/// <summary>
/// The embedded store: one SQLite file (<c>&lt;data&gt;/sync.db</c>) in WAL mode with <c>synchronous=FULL</c>, so a
/// committed transaction survives a process kill and a power cut. Writes are serialized by one gate (SQLite has
/// one writer anyway; the gate avoids busy-retry spinning) and use BEGIN IMMEDIATE; reads use pooled
/// connections and see the last committed state. Split by concern: *.Auth.cs, *.Sync.cs.
/// </summary>
internal sealed partial class SqliteSyncStore : ISyncStore
{
    public const long FormatVersion = 1;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteSyncStore(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        FilePath = Path.GetFullPath(Path.Combine(dataPath, "sync.db"));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, SqliteStoreSchema.CreateTables, transaction);
        SqliteStoreSchema.AddMissingColumns(connection, transaction); // stores made by older versions
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO meta(key, value) VALUES ('format', $v);";
            command.Parameters.AddWithValue("$v", FormatVersion);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<byte[]> GetOrCreateSigningKeyAsync(Func<byte[]> generate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var read = Command(connection, transaction, "SELECT value FROM meta WHERE key = 'signing-key';");
            if (read.ExecuteScalar() is byte[] existing)
            {
                return existing;
            }

            var key = generate();
            using var insert = Command(connection, transaction, "INSERT INTO meta(key, value) VALUES ('signing-key', $v);");
            insert.Parameters.AddWithValue("$v", key);
            insert.ExecuteNonQuery();
            transaction.Commit();
            return key;
        }));
    }

    public void Dispose()
    {
        // Pooled connections keep the WAL open; clearing the pool lets the folder be deleted and the file checkpointed.
        SqliteConnection.ClearAllPools();
        _writeGate.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: FULL makes every commit durable in WAL mode (NORMAL would lose the last commits on power loss).
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");        return connection;
    }

    private T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = Open();
        return work(connection);
    }

    private T Write<T>(Func<SqliteConnection, T> work)
    {
        _writeGate.Wait();
        try
        {
            using var connection = Open();
            return work(connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }
}
