using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Migrations;

/// <summary>A temporary folder holding one realm file, with raw SQLite access to check what the file holds.</summary>
internal sealed class TempRealmFolder : IDisposable
{
    public TempRealmFolder()
    {
        Folder = Directory.CreateTempSubdirectory("sgs-migrations-").FullName;
        RealmPath = Path.Combine(Folder, "test.realm");
    }

    public string Folder { get; }

    public string RealmPath { get; }

    public RealmConfiguration Config(IReadOnlyList<ObjectSchema> schema, ulong version = 0, MigrationCallback? callback = null) =>
        new(RealmPath) { Schema = schema, SchemaVersion = version, MigrationCallback = callback };

    /// <summary>Opens a realm, runs <paramref name="action"/> in a write transaction, and closes it.</summary>
    public void Write(RealmConfiguration config, Action<Realm> action)
    {
        using var realm = Realm.Open(config);
        realm.Write(() => action(realm));
    }

    public object? Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = RealmPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public long Count(string sql) => (long)Scalar(sql)!;

    public long StoredSchemaVersion => (long)Scalar("SELECT value FROM sgs_metadata WHERE name = 'schema_version'")!;

    public bool TableExists(string name) => Count($"SELECT count(*) FROM sqlite_master WHERE name = '{name.Replace("'", "''", StringComparison.Ordinal)}'") > 0;

    public bool ColumnExists(string table, string column) =>
        Count($"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'") > 0;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
