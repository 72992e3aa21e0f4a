using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Runtime.Tests.Models;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>
/// A realm file in its own temporary folder. Every realm opened through it is disposed, and the folder deleted,
/// when the test ends.
/// </summary>
public sealed class TempRealm : IDisposable
{
    private readonly List<Realm> _opened = [];

    public TempRealm()
    {
        Folder = Path.Combine(Path.GetTempPath(), "sgs-db-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "x.realm");
    }

    /// <summary>Every class the database tests use: a fixed schema keeps them independent of other folders' models.</summary>
    public static IReadOnlyList<ObjectSchema> Schema { get; } =
        [TodoItem.Schema, Project.Schema, Comment.Schema, Address.Schema, AllTypes.Schema, DbNode.Schema, DbLogEntry.Schema, AuditEvent.Schema];

    public string Folder { get; }

    public string FilePath { get; }

    public RealmConfiguration Config => new(FilePath) { Schema = Schema };

    public RealmConfiguration ReadOnlyConfig => new(FilePath) { Schema = Schema, IsReadOnly = true };

    /// <summary>Opens a new instance on the file (disposed at the end of the test).</summary>
    public Realm Open(RealmConfiguration? config = null) => Track(Realm.Open(config ?? Config));

    public Realm Track(Realm realm)
    {
        lock (_opened)
        {
            _opened.Add(realm);
        }

        return realm;
    }

    public byte[] FileBytes() => File.ReadAllBytes(FilePath);

    /// <summary>The change log, read with a plain SQLite connection (dispose the realms first to see every commit).</summary>
    public List<Changeset> Changesets()
    {
        using var connection = OpenPlain();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM sgs_changesets ORDER BY version";
        using var reader = command.ExecuteReader();
        var result = new List<Changeset>();
        while (reader.Read())
        {
            result.Add(ChangesetCodec.Decode((byte[])reader.GetValue(0)));
        }

        return result;
    }

    /// <summary>A scalar query on the file with a plain SQLite connection.</summary>
    public object? Scalar(string sql)
    {
        using var connection = OpenPlain();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after a generous deadline.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        lock (_opened)
        {
            foreach (var realm in _opened)
            {
                realm.Dispose();
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a connection on some platforms; the OS cleans the temp folder.
        }
    }

    private SqliteConnection OpenPlain()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
