using System;
using System.IO;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Sync;

/// <summary>
/// The sync state of one realm file, kept in the file itself (same transactions as the data): the client file
/// identity, cursors, the local changesets as transformed by later downloads, and client reset leftovers. It has
/// its own SQLite connection, so integrating a download never waits for a realm instance's thread; instances pick
/// the result up through their normal catch-up. Thread-safe: every member takes one lock. docs/storage.md
/// ("Sync state") describes the tables.
/// </summary>
internal sealed partial class SyncStateStore : IDisposable
{
    /// <summary>The largest encoded upload part: a local changeset above it is uploaded in several parts.</summary>
    public const int MaxUploadPartBytes = 1024 * 1024;

    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private readonly StorageLayout _layout;
    private LocalApplier? _applier;
    private bool _disposed;

    private SyncStateStore(string path, SqliteConnection connection, StorageLayout layout)
    {
        DatabasePath = path;
        _connection = connection;
        _layout = layout;
    }

    /// <summary>The realm file's full path.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Opens the sync state of a realm file that exists (the realm was opened first, so its schema is in place),
    /// creating the sync tables on first use.
    /// </summary>
    public static SyncStateStore Open(RealmConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var path = Path.GetFullPath(config.DatabasePath);
        if (!File.Exists(path))
        {
            throw new RealmFileAccessErrorException($"The realm '{path}' does not exist: open it with Realm.Open before starting sync on it.");
        }

        var layout = new StorageLayout(config.Schema);
        var connection = RealmFile.Open(path, readOnly: false);
        try
        {
            SyncTables.Create(connection);
            if (config is SourceGenSync.Sync.FlexibleSyncConfiguration)
            {
                Subscriptions.SubscriptionTables.EnsureCreated(connection);
            }
            return new SyncStateStore(path, connection, layout);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public SyncFileState ReadState()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return SyncTables.ReadState(_connection).Public;
        }
    }

    /// <summary>Persists the client file identity the server assigned (Bound) and the server realm it belongs to.</summary>
    public void SaveClientFile(long ident, long salt, string serverRealm)
    {
        ArgumentNullException.ThrowIfNull(serverRealm);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE sgs_sync_state SET client_file_ident = $ident, client_file_salt = $salt, server_realm = $realm WHERE id = 1";
            command.Parameters.AddWithValue("$ident", ident);
            command.Parameters.AddWithValue("$salt", salt);
            command.Parameters.AddWithValue("$realm", serverRealm);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Persists an upload ack that arrived without changesets (never moves it backwards).</summary>
    public void PersistAck(long uploadAck)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            InTransaction(() =>
            {
                var state = SyncTables.ReadState(_connection);
                if (uploadAck > state.UploadAck)
                {
                    SyncTables.SaveCursors(_connection, state.DownloadCursor, uploadAck);
                    SyncTables.DeleteRewrittenThrough(_connection, uploadAck);
                }
            });
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _applier?.Dispose();
            _appendChangeset?.Dispose();
            _markDownloaded?.Dispose();
            _connection.Dispose();
        }
    }

    private LocalApplier Applier => _applier ??= new LocalApplier(_connection, _layout);

    /// <summary>Runs <paramref name="body"/> in a write transaction (BEGIN IMMEDIATE); any exception rolls it back.</summary>
    private T InTransaction<T>(Func<T> body)
    {
        RealmFile.Execute(_connection, "BEGIN IMMEDIATE");
        _applier?.Reset();
        try
        {
            var result = body();
            RealmFile.Execute(_connection, "COMMIT");
            return result;
        }
        catch
        {
            RealmFile.Execute(_connection, "ROLLBACK");
            _applier?.Reset();
            throw;
        }
    }

    private void InTransaction(Action body) => InTransaction<object?>(() =>
    {
        body();
        return null;
    });

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
