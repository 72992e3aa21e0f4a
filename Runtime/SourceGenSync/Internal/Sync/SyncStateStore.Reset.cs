using System;
using System.Collections.Generic;
using System.IO;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Sync;

internal sealed partial class SyncStateStore
{
    /// <summary>
    /// Writes a consistent copy of the realm file to <paramref name="backupPath"/> (SQLite's VACUUM INTO: one
    /// snapshot, whatever other connections do meanwhile) and returns its full path. The path must not exist.
    /// </summary>
    public string Backup(string backupPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(backupPath);
        var full = Path.GetFullPath(backupPath);
        if (File.Exists(full))
        {
            throw new IOException($"The backup file '{full}' already exists.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        lock (_gate)
        {
            ThrowIfDisposed();
            RealmFile.Execute(_connection, "VACUUM INTO '" + full.Replace("'", "''", StringComparison.Ordinal) + "'");
        }

        return full;
    }

    /// <summary>
    /// Prepares the file for a fresh download after a client reset, in one transaction: every object is removed
    /// (recorded as a downloaded changeset of EraseObjects, so live objects of open realms become invalid), the
    /// unacknowledged local parts are kept in <c>sgs_sync_recovery</c> when asked (and any kept earlier are dropped
    /// when not), the client file, cursor and ack
    /// start over, local changesets made so far are never uploaded again, and <see cref="SyncFileState.ResetPending"/>
    /// is set until <see cref="ApplyRecovery"/>.
    /// </summary>
    public void ResetForFreshFile(bool keepUnsyncedForRecovery)
    {
        var erased = false;
        lock (_gate)
        {
            ThrowIfDisposed();
            InTransaction(() =>
            {
                var state = SyncTables.ReadState(_connection);

                // Whatever an earlier recovering reset kept and never re-applied belongs to the same discarded past:
                // a discarding reset drops it too, so a later ApplyRecovery cannot bring it back.
                if (!keepUnsyncedForRecovery)
                {
                    SyncTables.Execute(_connection, "DELETE FROM sgs_sync_recovery");
                }
                else
                {
                    foreach (var part in EnumerateParts(state.UploadedThrough))
                    {
                        SyncTables.Execute(_connection, "INSERT OR REPLACE INTO sgs_sync_recovery (client_version, timestamp, data) VALUES ($a, $b, $c)",
                            part.ClientVersion, part.Timestamp, part.Data);
                    }
                }

                var floor = Math.Max(state.UploadFloor, LatestLocalClientVersionIgnoringFloor());
                var erasures = EraseEverything();
                if (erasures.Length > 0)
                {
                    var (logVersion, _) = SyncTables.LatestChangeset(_connection);
                    AppendToLog(logVersion + 1, erasures, origin: null);
                    SyncTables.Execute(_connection, "INSERT INTO sgs_sync_downloaded (version, server_version, origin_file, origin_timestamp) VALUES ($a, 0, 0, 0)", logVersion + 1);
                    erased = true;
                }

                SyncTables.Execute(_connection, "DELETE FROM sgs_sync_rewritten");
                SyncTables.Execute(_connection, "UPDATE sgs_sync_state SET client_file_ident = 0, client_file_salt = 0, download_cursor = 0, " +
                    "upload_ack = 0, upload_floor = $a, reset_pending = 1, view_query_version = 0 WHERE id = 1", floor);
                _multiPartCache.Clear();
            });
        }

        if (erased)
        {
            RealmCoordinator.NotifyExternalCommit(DatabasePath);
        }
    }

    /// <summary>
    /// After the fresh download that follows <see cref="ResetForFreshFile"/>: re-applies the kept changesets as new
    /// local changesets (instructions that no longer fit are dropped), which the session then uploads, and clears
    /// <see cref="SyncFileState.ResetPending"/>. Returns the number of instructions applied (0 when nothing was kept).
    /// </summary>
    public int ApplyRecovery()
    {
        var appendedAny = false;
        int count;
        lock (_gate)
        {
            ThrowIfDisposed();
            count = InTransaction(() =>
            {
                var kept = new List<(long Timestamp, byte[] Data)>();
                using (var command = _connection.CreateCommand())
                {
                    command.CommandText = "SELECT timestamp, data FROM sgs_sync_recovery ORDER BY client_version";
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        kept.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
                    }
                }

                var (logVersion, _) = SyncTables.LatestChangeset(_connection);
                var applied = new List<Instruction>();
                var total = 0;
                foreach (var (_, data) in kept)
                {
                    var changeset = ChangesetCodec.Decode(data);
                    applied.Clear();
                    Applier.Apply(changeset.Instructions, applied);
                    if (applied.Count > 0)
                    {
                        logVersion++;
                        AppendToLog(logVersion, applied.ToArray(), origin: null);
                        total += applied.Count;
                        appendedAny = true;
                    }
                }

                SyncTables.Execute(_connection, "DELETE FROM sgs_sync_recovery");
                SyncTables.Execute(_connection, "UPDATE sgs_sync_state SET reset_pending = 0 WHERE id = 1");
                return total;
            });
        }

        if (appendedAny)
        {
            RealmCoordinator.NotifyExternalCommit(DatabasePath);
            RealmCoordinator.NotifyLocalCommit(DatabasePath);
        }

        return count;
    }

    /// <summary>
    /// The discard half of "recover or discard": after the fresh download that follows <see cref="ResetForFreshFile"/>,
    /// when <see cref="ApplyRecovery"/> failed (and rolled back), drops the kept changesets without applying them and
    /// clears <see cref="SyncFileState.ResetPending"/>, in one transaction. The file then holds exactly the server's
    /// state (plus any local changes made since the reset started). Returns the number of kept changesets dropped.
    /// </summary>
    public int DiscardRecovery()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return InTransaction(() =>
            {
                int dropped;
                using (var command = _connection.CreateCommand())
                {
                    command.CommandText = "DELETE FROM sgs_sync_recovery";
                    dropped = command.ExecuteNonQuery();
                }

                SyncTables.Execute(_connection, "UPDATE sgs_sync_state SET reset_pending = 0 WHERE id = 1");
                return dropped;
            });
        }
    }

    /// <summary>The last client version of the newest local changeset, whatever the upload floor.</summary>
    private long LatestLocalClientVersionIgnoringFloor()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = LocalChangesetsSql + " DESC LIMIT 1";
        command.Parameters.AddWithValue("$from", 0L);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return 0;
        }

        var version = reader.GetInt64(0);
        var data = (byte[])reader.GetValue(2);
        return UploadParts.LastClientVersion(version, UploadParts.CountParts(data, MaxUploadPartBytes));
    }

    /// <summary>Deletes every object (and everything it owns) of the schema's classes; returns their EraseObjects.</summary>
    private Instruction[] EraseEverything()
    {
        var erasures = new List<Instruction>();
        foreach (var table in _layout.Tables)
        {
            if (!table.IsEmbedded && table.Schema.Kind != ObjectSchemaKind.Asymmetric)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = $"SELECT {table.QuotedIdentityColumn} FROM {table.QuotedName} ORDER BY {StorageLayout.Quote(StorageLayout.KeyColumn)}";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    erasures.Add(new EraseObject(ObjectRef.TopLevel(table.ClassName, ValueCodec.ReadIdentity(reader, 0, table.IdentityEncoding))));
                }
            }
        }

        foreach (var table in _layout.Tables)
        {
            foreach (var collection in table.Collections)
            {
                RealmFile.Execute(_connection, "DELETE FROM " + collection.QuotedName);
            }

            RealmFile.Execute(_connection, "DELETE FROM " + table.QuotedName);
        }

        _applier?.Reset();
        return erasures.ToArray();
    }
}
