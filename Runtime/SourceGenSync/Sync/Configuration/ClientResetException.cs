using System;
using System.IO;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Sync;

/// <summary>
/// The server cannot continue with this file (its history was compacted past the file's cursor, or its data was
/// restored from a backup): the file must start over from the server's state. Given to
/// <see cref="ManualRecoveryHandler"/> (and to <c>ManualResetFallback</c> when an automatic reset fails). The
/// session stays stopped until <see cref="InitiateClientReset"/> runs or the app restarts.
/// </summary>
public sealed class ClientResetException : SessionException
{
    // The stopped session still holds the file through its sync state connection until its loop has ended.
    private static readonly TimeSpan SessionReleaseWait = TimeSpan.FromSeconds(10);

    private readonly string _realmPath;
    private readonly Session? _session;

    internal ClientResetException(string message, string realmPath, string backupFilePath, SyncErrorCode? serverCode, Exception? innerException = null, Session? session = null)
        : base(message, serverCode, SyncErrorAction.ClientReset, isFatal: true, innerException)
    {
        _realmPath = realmPath;
        _session = session;
        BackupFilePath = backupFilePath;
    }

    /// <summary>Where <see cref="InitiateClientReset"/> keeps a copy of the old file (its unsynced changes can be read from it).</summary>
    public string BackupFilePath { get; }

    /// <summary>
    /// Moves the realm file to <see cref="BackupFilePath"/> so the next open starts fresh from the server. Every
    /// realm instance on the file must be closed first: returns false (nothing done) while one is open.
    /// </summary>
    public bool InitiateClientReset()
    {
        if (RealmCoordinator.HasOpenInstances(_realmPath))
        {
            return false;
        }

        // Moving the file while the session's connection is still open would let its close delete the new file's
        // write-ahead log.
        if (_session is not null && !_session.FileReleased.Wait(SessionReleaseWait))
        {
            return false;
        }

        if (!File.Exists(_realmPath))
        {
            return true;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(BackupFilePath)!);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var connection = RealmFile.Open(_realmPath, readOnly: false))
        {
            // A checkpoint folds the write-ahead log into the file so the moved file alone holds everything.
            RealmFile.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }

        File.Move(_realmPath, BackupFilePath, overwrite: true);
        foreach (var file in RealmFile.FilesOf(_realmPath))
        {
            File.Delete(file);
        }

        return true;
    }
}
