using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Collections;

/// <summary>A realm file in its own temporary folder, deleted (with every realm opened on it) on dispose.</summary>
public sealed class TempRealm : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sgs-coll-" + Guid.NewGuid().ToString("N"));
    private readonly List<Realm> _opened = [];
    private readonly ObjectSchema[] _schema;

    /// <param name="schema">The classes of the realm; the collection test models when empty.</param>
    public TempRealm(params ObjectSchema[] schema)
    {
        _schema = schema.Length > 0 ? schema : [CollHolder.Schema, CollItem.Schema, CollNote.Schema, CollPart.Schema];
        Directory.CreateDirectory(_folder);
        FilePath = Path.Combine(_folder, "test.realm");
    }

    public string FilePath { get; }

    public RealmConfiguration Config => new(FilePath) { Schema = _schema };

    public Realm Open()
    {
        var realm = Realm.Open(Config);
        _opened.Add(realm);
        return realm;
    }

    /// <summary>The instructions of the last committed changeset, read with a separate connection.</summary>
    public IReadOnlyList<Instruction> LastChangeset()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM sgs_changesets ORDER BY version DESC LIMIT 1";
        var data = (byte[])command.ExecuteScalar()!;
        return ChangesetCodec.Decode(data).Instructions;
    }

    /// <summary>The instructions of the last changeset that touch a collection field.</summary>
    public List<Instruction> LastCollectionInstructions() =>
        LastChangeset().Where(i => i is ListInsert or ListSet or ListErase or SetInsert or SetErase or DictionarySet or DictionaryErase or CollectionClear).ToList();

    /// <summary>Runs a scalar query on the file with a separate connection.</summary>
    public long Count(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        foreach (var realm in _opened)
        {
            realm.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped by SQLite on some platforms; the temp folder is cleaned up by the OS.
        }
    }
}
