using System.Collections.Generic;
using System.Text;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Storage;

/// <summary>The CREATE statements for a class's tables, indexes and full-text index (docs/storage.md).</summary>
internal static class SchemaDdl
{
    /// <remarks>
    /// Row keys use AUTOINCREMENT so a key is never reused: live objects, changesets of classes without a primary
    /// key and other instances' refreshes all name rows by key, and a reused key would make a new row look like an
    /// old one.
    /// </remarks>
    public static IEnumerable<string> CreateClass(TableMap table)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(table.QuotedName).Append(" (")
            .Append(StorageLayout.Quote(StorageLayout.KeyColumn)).Append(" INTEGER PRIMARY KEY AUTOINCREMENT");
        foreach (var column in table.Columns)
        {
            sql.Append(", ").Append(ColumnDefinition(column));
            if (column.HasAux)
            {
                sql.Append(", ").Append(AuxColumnDefinition(column));
            }
        }

        sql.Append(')');
        yield return sql.ToString();

        foreach (var column in table.Columns)
        {
            foreach (var statement in ColumnIndexes(table, column))
            {
                yield return statement;
            }
        }

        foreach (var collection in table.Collections)
        {
            foreach (var statement in CreateCollection(collection))
            {
                yield return statement;
            }
        }
    }

    public static string ColumnDefinition(ColumnMap column) =>
        column.SqlType.Length == 0 ? column.QuotedName : column.QuotedName + " " + column.SqlType;

    public static string AuxColumnDefinition(ColumnMap column) => column.QuotedAuxName + " INTEGER";

    /// <summary>The indexes a column needs: unique for the primary key, general or full-text from [Indexed], and one on every link (backlinks and link clean-up look links up by target).</summary>
    public static IEnumerable<string> ColumnIndexes(TableMap table, ColumnMap column)
    {
        var property = column.Property;
        if (property.IsPrimaryKey)
        {
            yield return $"CREATE UNIQUE INDEX {IndexName(table.Name, column.Name, "pk")} ON {table.QuotedName} ({column.QuotedName})";
        }
        else if (property.IndexType == IndexType.General || column.Encoding is ValueEncoding.Link or ValueEncoding.Embedded)
        {
            yield return $"CREATE INDEX {IndexName(table.Name, column.Name, "idx")} ON {table.QuotedName} ({column.QuotedName})";
        }
        else if (property.IndexType == IndexType.FullText)
        {
            foreach (var statement in CreateFullText(table, column))
            {
                yield return statement;
            }
        }
    }

    public static IEnumerable<string> CreateCollection(CollectionTableMap collection)
    {
        var value = collection.SqlType.Length == 0 ? "value" : "value " + collection.SqlType;
        var aux = collection.HasAux ? ", aux INTEGER" : "";
        var name = collection.QuotedName;
        switch (collection.Kind)
        {
            case CollectionKind.List:
                yield return $"CREATE TABLE {name} (owner INTEGER NOT NULL, position INTEGER NOT NULL, {value}{aux})";
                yield return $"CREATE INDEX {IndexName(collection.Name, "owner", "idx")} ON {name} (owner, position)";
                break;
            case CollectionKind.Set:
                yield return $"CREATE TABLE {name} (owner INTEGER NOT NULL, {value}{aux})";
                yield return $"CREATE INDEX {IndexName(collection.Name, "owner", "idx")} ON {name} (owner, value)";
                break;
            default:
                yield return $"CREATE TABLE {name} (owner INTEGER NOT NULL, key TEXT NOT NULL, {value}{aux})";
                yield return $"CREATE UNIQUE INDEX {IndexName(collection.Name, "owner", "idx")} ON {name} (owner, key)";
                break;
        }

        if (collection.Encoding is ValueEncoding.Link or ValueEncoding.Embedded)
        {
            yield return $"CREATE INDEX {IndexName(collection.Name, "value", "idx")} ON {name} (value)";
        }
    }

    /// <summary>An FTS5 index kept in step with the class table by triggers (external content: the text is stored once).</summary>
    public static IEnumerable<string> CreateFullText(TableMap table, ColumnMap column)
    {
        var ftsName = StorageLayout.FullTextTableName(table.ClassName, column.Name);
        var fts = StorageLayout.Quote(ftsName);
        var key = StorageLayout.Quote(StorageLayout.KeyColumn);
        var col = column.QuotedName;
        yield return $"CREATE VIRTUAL TABLE {fts} USING fts5({col}, content={Literal(table.Name)}, content_rowid={Literal(StorageLayout.KeyColumn)})";
        yield return $"CREATE TRIGGER {StorageLayout.Quote(ftsName + ".insert")} AFTER INSERT ON {table.QuotedName} BEGIN INSERT INTO {fts} (rowid, {col}) VALUES (new.{key}, new.{col}); END";
        yield return $"CREATE TRIGGER {StorageLayout.Quote(ftsName + ".delete")} AFTER DELETE ON {table.QuotedName} BEGIN INSERT INTO {fts} ({fts}, rowid, {col}) VALUES ('delete', old.{key}, old.{col}); END";
        yield return $"CREATE TRIGGER {StorageLayout.Quote(ftsName + ".update")} AFTER UPDATE OF {col} ON {table.QuotedName} BEGIN INSERT INTO {fts} ({fts}, rowid, {col}) VALUES ('delete', old.{key}, old.{col}); INSERT INTO {fts} (rowid, {col}) VALUES (new.{key}, new.{col}); END";
    }

    public static string IndexName(string table, string column, string kind) => StorageLayout.Quote(table + "." + kind + "." + column);

    private static string Literal(string text) => "'" + text.Replace("'", "''", System.StringComparison.Ordinal) + "'";
}
