using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Migrations;

/// <summary>
/// Links store their target's identity: its primary key, or its row key for classes without one and for embedded
/// objects. When a migration changes how a class is identified (a primary key added, removed, renamed or retyped;
/// the class made embedded or top-level), every link to it is re-pointed through the row key, which a rebuild
/// keeps: old identity → old row → same row key in the new table → new identity.
/// </summary>
internal static class LinkRemapper
{
    /// <summary>Classes in both schemas whose identity column or encoding changed.</summary>
    public static HashSet<string> ChangedIdentities(StorageLayout layout, IReadOnlyDictionary<string, StoredClass> oldSchema)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in layout.Tables)
        {
            if (oldSchema.TryGetValue(table.ClassName, out var stored) && OldClass.IdentityOf(stored) != OldClass.IdentityOf(table))
            {
                changed.Add(table.ClassName);
            }
        }

        return changed;
    }

    /// <summary>
    /// Classes in the file with a link whose declared column type changes because its target's identity did: they are
    /// rebuilt too, so the column's type (and SQLite's conversions on it) fits the new identity.
    /// </summary>
    public static IEnumerable<string> Dependents(StorageLayout layout, IReadOnlyDictionary<string, OldClass> oldClasses, HashSet<string> changed)
    {
        if (changed.Count == 0)
        {
            yield break;
        }

        foreach (var table in layout.Tables)
        {
            if (!oldClasses.TryGetValue(table.ClassName, out var old))
            {
                continue;
            }

            var found = false;
            foreach (var column in table.Columns)
            {
                found |= column.Target is { } target && changed.Contains(target.ClassName) && old.Find(column.Name) is { } source && source.SqlType != column.SqlType;
            }

            foreach (var collection in table.Collections)
            {
                found |= collection.Target is { } target && changed.Contains(target.ClassName) && old.Find(collection.Property.MappedName) is { } source && source.SqlType != collection.SqlType;
            }

            if (found)
            {
                yield return table.ClassName;
            }
        }
    }

    /// <summary>
    /// Re-points links to <paramref name="changed"/> classes. Runs after the callback, so key values the callback
    /// set (a renamed primary key) are the ones links get; a value that names no old object is kept as it is.
    /// </summary>
    public static void Remap(SqliteConnection connection, StorageLayout layout, IReadOnlyDictionary<string, OldClass> oldClasses, HashSet<string> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var table in layout.Tables)
        {
            foreach (var column in table.Columns)
            {
                if (column.Target is { } target && changed.Contains(target.ClassName))
                {
                    Translate(connection, table.QuotedName, column.QuotedName, target, oldClasses[target.ClassName]);
                }
            }

            foreach (var collection in table.Collections)
            {
                if (collection.Target is { } target && changed.Contains(target.ClassName))
                {
                    Translate(connection, collection.QuotedName, CollectionTableMap.ValueColumn, target, oldClasses[target.ClassName]);
                }
            }
        }
    }

    private static void Translate(SqliteConnection connection, string quotedTable, string quotedColumn, TableMap target, OldClass old)
    {
        var key = StorageLayout.Quote(StorageLayout.KeyColumn);
        var oldIdentity = StorageLayout.Quote(OldClass.IdentityOf(old.Stored).Column);
        var newIdentity = StorageLayout.Quote(OldClass.IdentityOf(target).Column);
        var link = quotedTable + "." + quotedColumn;
        RealmFile.Execute(connection,
            $"UPDATE {quotedTable} SET {quotedColumn} = coalesce((SELECT n.{newIdentity} FROM {target.QuotedName} AS n JOIN {old.QuotedTableName} AS o ON o.{key} = n.{key} WHERE o.{oldIdentity} = {link}), {link}) WHERE {link} IS NOT NULL");
    }
}
