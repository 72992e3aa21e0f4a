using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Migrations;

/// <summary>
/// The SQL that carries values of an old property into a new one (a rebuild copying a class, or RenameProperty).
/// Values are copied as stored when the stored form is the same; a property that became non-nullable gets the
/// type's default where the old value was null.
/// </summary>
internal static class ColumnCopy
{
    /// <summary>
    /// True when old values are valid new values: same type, same collection kind, same link target. Nullability,
    /// primary key, index and counter flags may differ (a primary key's uniqueness is checked after the callback).
    /// </summary>
    public static bool IsCompatible(StoredProperty old, Property current) =>
        old.Type == current.Type && old.Collection == current.Collection && old.ObjectType == current.ObjectType;

    /// <summary>Column and value expression pairs that fill <paramref name="column"/> from the old column, read through the alias <paramref name="source"/>.</summary>
    public static IEnumerable<(string Column, string Value)> Scalar(OldColumn old, ColumnMap column, string source)
    {
        yield return (column.QuotedName, WithDefault(source + "." + old.QuotedName, column.Encoding, column.Property.IsNullable));
        if (column.HasAux)
        {
            var aux = source + "." + (old.QuotedAuxName ?? "NULL");
            yield return (column.QuotedAuxName, AuxDefault(column.Encoding, column.Property.IsNullable) is { } fallback ? $"coalesce({aux}, {fallback})" : aux);
        }
    }

    /// <summary>Column and value pairs that give a column with no old counterpart its type's default (nothing for NULL defaults).</summary>
    public static IEnumerable<(string Column, string Value)> Default(ColumnMap column)
    {
        if (SchemaManager.DefaultLiteral(column.Encoding, column.Property.IsNullable) is { } value)
        {
            yield return (column.QuotedName, value);
        }

        if (column.HasAux && AuxDefault(column.Encoding, column.Property.IsNullable) is { } aux)
        {
            yield return (column.QuotedAuxName, aux);
        }
    }

    /// <summary>Appends the elements of an old collection to a new side table (empty it first when it may hold rows).</summary>
    public static void Collection(SqliteConnection connection, string quotedSourceTable, CollectionTableMap target, bool dropNulls)
    {
        var columns = new List<string> { CollectionTableMap.OwnerColumn };
        var values = new List<string> { CollectionTableMap.OwnerColumn };
        var key = target.Kind switch
        {
            CollectionKind.List => CollectionTableMap.PositionColumn,
            CollectionKind.Dictionary => CollectionTableMap.KeyColumn,
            _ => null,
        };
        if (key is not null)
        {
            columns.Add(key);
            values.Add(key);
        }

        columns.Add(CollectionTableMap.ValueColumn);
        values.Add(WithDefault(CollectionTableMap.ValueColumn, target.Encoding, target.Property.IsNullable));
        if (target.HasAux)
        {
            columns.Add(CollectionTableMap.AuxColumn);
            values.Add(AuxDefault(target.Encoding, target.Property.IsNullable) is { } fallback ? $"coalesce({CollectionTableMap.AuxColumn}, {fallback})" : CollectionTableMap.AuxColumn);
        }

        // A set that no longer allows null drops its null element rather than turning it into a duplicate default.
        var where = dropNulls && target.Kind == CollectionKind.Set && !target.Property.IsNullable ? $" WHERE {CollectionTableMap.ValueColumn} IS NOT NULL" : "";

        // Sets keep insertion order by rowid: copy in that order.
        RealmFile.Execute(connection, $"INSERT INTO {target.QuotedName} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM {quotedSourceTable}{where} ORDER BY rowid");
    }

    private static string WithDefault(string expression, ValueEncoding encoding, bool isNullable) =>
        SchemaManager.DefaultLiteral(encoding, isNullable) is { } literal ? $"coalesce({expression}, {literal})" : expression;

    private static string? AuxDefault(ValueEncoding encoding, bool isNullable) =>
        isNullable || encoding == ValueEncoding.Mixed ? null : "0";
}
