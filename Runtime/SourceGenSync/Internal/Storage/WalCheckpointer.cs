using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// Takes the checkpoint of a large commit off the commit path. SQLite's automatic checkpoint (after any commit that
/// leaves 1,000 pages or more in the write-ahead log) runs inside <c>COMMIT</c>: for a bulk insert it copies tens of
/// megabytes into the database file and syncs it before the caller gets control back. For a large transaction the
/// realm commits with the automatic checkpoint off and asks this class for a passive checkpoint on a worker thread,
/// on a connection of its own. Durability does not depend on it: the commit is durable once the log is synced
/// (<c>synchronous=FULL</c>); the checkpoint only bounds the log. Small commits keep SQLite's automatic checkpoint,
/// which also catches up if a background one could not finish (a passive checkpoint stops at readers it would
/// disturb).
/// </summary>
internal sealed class WalCheckpointer
{
    /// <summary>
    /// A transaction whose changeset is at least this long (bytes) writes well over <see cref="AutoCheckpointPages"/>
    /// pages to the log (its rows and its change-log row): its checkpoint runs in the background.
    /// </summary>
    public const int LargeCommitBytes = 1 << 20;

    /// <summary>SQLite's default <c>wal_autocheckpoint</c>, restored after a large commit.</summary>
    private const int AutoCheckpointPages = 1000;

    private readonly string _path;
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private bool _closed;

    public WalCheckpointer(string path) => _path = path;

    /// <summary>Runs <paramref name="commit"/> with the automatic checkpoint off, then checkpoints in the background.</summary>
    public void CommitLarge(SqliteConnection connection, Action commit)
    {
        var db = connection.Handle!;
        raw.sqlite3_wal_autocheckpoint(db, 0);
        try
        {
            commit();
        }
        finally
        {
            raw.sqlite3_wal_autocheckpoint(db, AutoCheckpointPages);
        }

        lock (_gate)
        {
            // One at a time: a checkpoint still running covers most of the new frames, the next small commit the rest.
            if (!_closed && _running.IsCompleted)
            {
                _running = Task.Run(Checkpoint);
            }
        }
    }

    /// <summary>Waits for a running checkpoint (on close, so nothing touches the file once the realm is disposed).</summary>
    public void Close()
    {
        Task running;
        lock (_gate)
        {
            _closed = true;
            running = _running;
        }

        running.Wait();
    }

    private void Checkpoint()
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            RealmFile.Execute(connection, "PRAGMA synchronous=FULL");
            RealmFile.Execute(connection, "PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (SqliteException)
        {
            // Not needed for durability: the next commit's automatic checkpoint folds the log in instead.
        }
    }
}
