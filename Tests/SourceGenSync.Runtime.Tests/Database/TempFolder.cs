using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>
/// A temporary folder for realm files that owns what the test opens in it: everything tracked is disposed (last
/// opened first) and the folder deleted when the test ends. Also reads the files with plain SQLite connections.
/// </summary>
public abstract class TempFolder : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    /// <param name="prefix">Start of the folder's name under the temp folder (the rest is a new GUID).</param>
    protected TempFolder(string prefix)
    {
        Folder = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>Disposes <paramref name="disposable"/> at the end of the test.</summary>
    public T Track<T>(T disposable)
        where T : IDisposable
    {
        lock (_opened)
        {
            _opened.Add(disposable);
        }

        return disposable;
    }

    public void Dispose()
    {
        lock (_opened)
        {
            for (var i = _opened.Count - 1; i >= 0; i--)
            {
                _opened[i].Dispose();
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

        GC.SuppressFinalize(this);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="deadline"/> (never a fixed sleep).</summary>
    protected static async Task PollUntil(Func<bool> condition, string what, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Every changeset of the change log of the file at <paramref name="path"/>, read with a plain read-only connection.</summary>
    protected static List<Changeset> ReadChangeLog(string path)
    {
        using var connection = OpenPlain(path);
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

    /// <summary>A scalar query on the file at <paramref name="path"/> with a plain read-only connection.</summary>
    protected static object? ReadScalar(string path, string sql)
    {
        using var connection = OpenPlain(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SqliteConnection OpenPlain(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
