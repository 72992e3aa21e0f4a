using System;
using System.Collections.Generic;
using System.Text;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Sync;

/// <summary>The statements <see cref="LocalApplier"/> prepares, one per table, column or side table and kind.</summary>
internal enum SqlKind
{
    FindRow,
    FindRowNull,
    InsertObject,
    InsertEmbedded,
    DeleteRow,
    UpdateColumn,
    ReadColumn,
    CollectionCount,
    CollectionValues,
    CollectionDeleteAll,
    ListShiftUp,
    ListShiftDown,
    ListInsertRow,
    ListUpdate,
    ListDeleteRow,
    ListReadValue,
    SetFindRow,
    SetInsertRow,
    DeleteByRowId,
    DictionaryUpsert,
    DictionaryDeleteRow,
    DictionaryReadValue,
}

internal sealed partial class LocalApplier
{
    private static readonly string s_key = StorageLayout.Quote(StorageLayout.KeyColumn);
    private Dictionary<ColumnMap, TableMap>? _tableOfColumn;

    private RawStatement Statement(object owner, SqlKind kind)
    {
        if (!_statements.TryGetValue((owner, kind), out var statement))
        {
            statement = new RawStatement(_connection, BuildSql(owner, kind));
            _statements[(owner, kind)] = statement;
        }

        return statement;
    }

    private string BuildSql(object owner, SqlKind kind) => owner switch
    {
        TableMap table => TableSql(table, kind),
        ColumnMap column => ColumnSql(TableOf(column), column, kind),
        CollectionTableMap collection => CollectionSql(collection, kind),
        _ => throw new ArgumentException($"No statement for {owner}.", nameof(owner)),
    };

    private static string TableSql(TableMap table, SqlKind kind)
    {
        var name = table.QuotedName;
        switch (kind)
        {
            case SqlKind.FindRow:
                return $"SELECT {s_key} FROM {name} WHERE {table.QuotedIdentityColumn} = ?1";
            case SqlKind.FindRowNull:
                return $"SELECT {s_key} FROM {name} WHERE {table.QuotedIdentityColumn} IS NULL";
            case SqlKind.DeleteRow:
                return $"DELETE FROM {name} WHERE {s_key} = ?1";
            case SqlKind.InsertObject or SqlKind.InsertEmbedded:
                var columns = new List<string>();
                if (kind == SqlKind.InsertObject && table.PrimaryKey is null)
                {
                    columns.Add(s_key);
                }

                foreach (var column in table.Columns)
                {
                    columns.Add(column.QuotedName);
                    if (column.HasAux)
                    {
                        columns.Add(column.QuotedAuxName);
                    }
                }

                if (columns.Count == 0)
                {
                    return $"INSERT INTO {name} DEFAULT VALUES";
                }

                var values = new StringBuilder();
                for (var i = 1; i <= columns.Count; i++)
                {
                    values.Append(i == 1 ? "?" : ", ?").Append(i);
                }

                // OR IGNORE: creating an object that exists is a no-op (concurrent creates of one key are one object).
                var verb = kind == SqlKind.InsertObject ? "INSERT OR IGNORE" : "INSERT";
                return $"{verb} INTO {name} ({string.Join(", ", columns)}) VALUES ({values})";
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static string ColumnSql(TableMap table, ColumnMap column, SqlKind kind) => kind switch
    {
        SqlKind.UpdateColumn when column.HasAux =>
            $"UPDATE {table.QuotedName} SET {column.QuotedName} = ?1, {column.QuotedAuxName} = ?2 WHERE {s_key} = ?3",
        SqlKind.UpdateColumn => $"UPDATE {table.QuotedName} SET {column.QuotedName} = ?1 WHERE {s_key} = ?2",
        SqlKind.ReadColumn => $"SELECT {column.QuotedName} FROM {table.QuotedName} WHERE {s_key} = ?1",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string CollectionSql(CollectionTableMap collection, SqlKind kind)
    {
        var name = collection.QuotedName;
        var aux = collection.HasAux;
        return kind switch
        {
            SqlKind.CollectionCount => $"SELECT count(*) FROM {name} WHERE owner = ?1",
            SqlKind.CollectionValues => $"SELECT value FROM {name} WHERE owner = ?1",
            SqlKind.CollectionDeleteAll => $"DELETE FROM {name} WHERE owner = ?1",
            SqlKind.ListShiftUp => $"UPDATE {name} SET position = position + 1 WHERE owner = ?1 AND position >= ?2",
            SqlKind.ListShiftDown => $"UPDATE {name} SET position = position - 1 WHERE owner = ?1 AND position > ?2",
            SqlKind.ListInsertRow => aux
                ? $"INSERT INTO {name} (owner, position, value, aux) VALUES (?1, ?2, ?3, ?4)"
                : $"INSERT INTO {name} (owner, position, value) VALUES (?1, ?2, ?3)",
            SqlKind.ListUpdate => aux
                ? $"UPDATE {name} SET value = ?1, aux = ?2 WHERE owner = ?3 AND position = ?4"
                : $"UPDATE {name} SET value = ?1 WHERE owner = ?2 AND position = ?3",
            SqlKind.ListDeleteRow => $"DELETE FROM {name} WHERE owner = ?1 AND position = ?2",
            SqlKind.ListReadValue => $"SELECT value FROM {name} WHERE owner = ?1 AND position = ?2",
            SqlKind.SetFindRow => collection.Encoding == ValueEncoding.Mixed
                ? $"SELECT rowid FROM {name} WHERE owner = ?1 AND value IS ?2 AND aux IS ?3 LIMIT 1"
                : $"SELECT rowid FROM {name} WHERE owner = ?1 AND value IS ?2 LIMIT 1",
            SqlKind.SetInsertRow => aux
                ? $"INSERT INTO {name} (owner, value, aux) VALUES (?1, ?2, ?3)"
                : $"INSERT INTO {name} (owner, value) VALUES (?1, ?2)",
            SqlKind.DeleteByRowId => $"DELETE FROM {name} WHERE rowid = ?1",
            SqlKind.DictionaryUpsert => aux
                ? $"INSERT INTO {name} (owner, key, value, aux) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (owner, key) DO UPDATE SET value = excluded.value, aux = excluded.aux"
                : $"INSERT INTO {name} (owner, key, value) VALUES (?1, ?2, ?3) ON CONFLICT (owner, key) DO UPDATE SET value = excluded.value",
            SqlKind.DictionaryDeleteRow => $"DELETE FROM {name} WHERE owner = ?1 AND key = ?2",
            SqlKind.DictionaryReadValue => $"SELECT value FROM {name} WHERE owner = ?1 AND key = ?2",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private TableMap TableOf(ColumnMap column)
    {
        if (_tableOfColumn is null)
        {
            _tableOfColumn = new Dictionary<ColumnMap, TableMap>(ReferenceEqualityComparer.Instance);
            foreach (var table in _layout.Tables)
            {
                foreach (var c in table.Columns)
                {
                    _tableOfColumn[c] = table;
                }
            }
        }

        return _tableOfColumn[column];
    }
}
