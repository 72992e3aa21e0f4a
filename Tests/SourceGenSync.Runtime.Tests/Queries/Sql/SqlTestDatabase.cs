using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;
using SourceGenSync.Runtime.Tests.Models;
using SourceGenSync.Schema;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>
/// A real SQLite database in a temp file with the tables of the test models, filled with plain parameterized
/// INSERTs, on which compiled queries run.
/// </summary>
internal sealed class SqlTestDatabase : IDisposable
{
    private readonly string _path;

    public SqlTestDatabase()
    {
        Layout = new StorageLayout([
            TodoItem.Schema, Project.Schema, Comment.Schema, Address.Schema, AllTypes.Schema,
            SqlTeam.Schema, SqlMember.Schema, SqlBadge.Schema,
        ]);
        _path = Path.Combine(Path.GetTempPath(), "sgs-sql-" + Guid.NewGuid().ToString("N") + ".db");
        Connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        Connection.Open();
        SqliteFunctions.Register(Connection);

        // A scratch database: no durability needed, so the many DDL and INSERT statements stay fast.
        Execute("PRAGMA synchronous = OFF");
        Execute("PRAGMA journal_mode = MEMORY");
        Execute("BEGIN");
        foreach (var table in Layout.Tables)
        {
            foreach (var statement in SchemaDdl.CreateClass(table))
            {
                Execute(statement);
            }
        }

        Execute("COMMIT");
    }

    public StorageLayout Layout { get; }

    public SqliteConnection Connection { get; }

    /// <summary>Inserts a row into a class table (columns by stored name, values in SQLite form) and returns its row key.</summary>
    public long Insert(string className, params (string Column, object? Value)[] values)
    {
        var table = Layout[className];
        using var command = Connection.CreateCommand();
        var columns = string.Join(", ", values.Select(static v => StorageLayout.Quote(v.Column)));
        var parameters = string.Join(", ", values.Select(static (_, i) => "$v" + i));
        command.CommandText = values.Length == 0
            ? $"INSERT INTO {table.QuotedName} DEFAULT VALUES"
            : $"INSERT INTO {table.QuotedName} ({columns}) VALUES ({parameters})";
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$v" + i, values[i].Value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
        command.CommandText = "SELECT last_insert_rowid()";
        command.Parameters.Clear();
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Adds an element to a side table: <paramref name="slot"/> is the list position or the dictionary key (ignored for sets).</summary>
    public void InsertElement(string className, string property, long owner, object? slot, object? value, object? aux = null)
    {
        var table = Layout[className];
        var collection = table.Collections.Single(c => c.Property.MappedName == property);
        var columns = new List<(string, object?)> { ("owner", owner) };
        if (collection.Kind == CollectionKind.List)
        {
            columns.Add(("position", slot));
        }
        else if (collection.Kind == CollectionKind.Dictionary)
        {
            columns.Add(("key", slot));
        }

        columns.Add(("value", value));
        if (collection.HasAux)
        {
            columns.Add(("aux", aux));
        }

        using var command = Connection.CreateCommand();
        command.CommandText = $"INSERT INTO {collection.QuotedName} ({string.Join(", ", columns.Select(static c => c.Item1))}) VALUES ({string.Join(", ", columns.Select(static (_, i) => "$v" + i))})";
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.AddWithValue("$v" + i, columns[i].Item2 ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The row keys a model selects. Runs both the key query and the full SELECT, and checks they agree (the
    /// SELECT's first column is the row key), so every test also exercises the row reader's column list.
    /// </summary>
    public long[] Keys(QueryModel model)
    {
        var keys = ReadLongs(SqlQueryCompiler.CompileKeys(Layout, model));
        var select = SqlQueryCompiler.CompileSelect(Layout, model);
        using var command = Connection.CreateCommand();
        select.Bind(command);
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        var expectedColumns = Layout[model.ClassName].SelectList().Split(", ").Length;
        while (reader.Read())
        {
            Assert.Equal(expectedColumns, reader.FieldCount);
            rows.Add(reader.GetInt64(0));
        }

        Assert.Equal(keys, rows);
        return keys;
    }

    public long[] Where(string className, QueryNode filter) => Keys(QueryModel.All(className).Where(filter));

    public long Count(QueryModel model) => (long)Scalar(SqlQueryCompiler.CompileCount(Layout, model))!;

    public bool Exists(QueryModel model) => (long)Scalar(SqlQueryCompiler.CompileExists(Layout, model))! != 0;

    public long? Last(QueryModel model) => ReadLongs(SqlQueryCompiler.CompileLast(Layout, model)).Cast<long?>().SingleOrDefault();

    public RealmValue Aggregate(QueryModel model, AggregateKind kind, PropertyPath property)
    {
        var aggregate = SqlQueryCompiler.CompileAggregate(Layout, model, kind, property);
        using var command = Connection.CreateCommand();
        return aggregate.Execute(command);
    }

    public object? Scalar(SqlQuery query)
    {
        using var command = Connection.CreateCommand();
        query.Bind(command);
        return command.ExecuteScalar();
    }

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Connection.Dispose();
        File.Delete(_path);
    }

    private long[] ReadLongs(SqlQuery query)
    {
        using var command = Connection.CreateCommand();
        query.Bind(command);
        using var reader = command.ExecuteReader();
        var keys = new List<long>();
        while (reader.Read())
        {
            keys.Add(reader.GetInt64(0));
        }

        return [.. keys];
    }
}
