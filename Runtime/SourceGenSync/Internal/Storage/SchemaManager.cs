using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// Brings a file's schema to the configured one when a realm opens, in one write transaction: creates a new file's
/// tables, applies additive changes, refuses breaking changes without a schema version bump (naming the class and
/// property), and hands version bumps to <see cref="SchemaMigrator"/>.
/// </summary>
internal static class SchemaManager
{
    public const string SchemaVersionKey = "schema_version";
    public const string FormatKey = "format";

    /// <summary>Thrown inside <see cref="Prepare"/> when the file must be deleted (ShouldDeleteIfMigrationNeeded).</summary>
    public sealed class DeleteRequiredException(string reason) : Exception(reason);

    public static void Prepare(SqliteConnection connection, StorageLayout layout, RealmConfiguration config, Func<Realm> migrationRealm)
    {
        if (config.IsReadOnly)
        {
            Verify(connection, layout, config);
            return;
        }

        if (!MetadataTables.Exist(connection) && MetadataTables.HasUserTables(connection))
        {
            throw new RealmCorruptFileException($"The file '{config.DatabasePath}' is an SQLite database but not a realm (it has tables and no realm metadata). It was left untouched; open another path.");
        }

        RealmFile.EnableWriteAheadLog(connection);
        RealmFile.Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            if (!MetadataTables.Exist(connection))
            {
                // Checked again inside the write lock: another process may have created the file meanwhile.
                if (MetadataTables.HasUserTables(connection))
                {
                    throw new RealmCorruptFileException($"The file '{config.DatabasePath}' is an SQLite database but not a realm (it has tables and no realm metadata). It was left untouched; open another path.");
                }

                CreateFile(connection, layout, config);
            }
            else
            {
                Upgrade(connection, layout, config, migrationRealm);
            }

            RealmFile.Execute(connection, "COMMIT");
        }
        catch
        {
            RealmFile.Execute(connection, "ROLLBACK");
            throw;
        }
    }

    private static void CreateFile(SqliteConnection connection, StorageLayout layout, RealmConfiguration config)
    {
        foreach (var statement in MetadataTables.Create)
        {
            RealmFile.Execute(connection, statement);
        }

        MetadataTables.WriteInteger(connection, FormatKey, MetadataTables.FormatVersion);
        MetadataTables.WriteInteger(connection, SchemaVersionKey, unchecked((long)config.SchemaVersion));
        foreach (var table in layout.Tables)
        {
            CreateClass(connection, table);
        }
    }

    private static void Upgrade(SqliteConnection connection, StorageLayout layout, RealmConfiguration config, Func<Realm> migrationRealm)
    {
        var fileVersion = CheckVersions(connection, config);
        var stored = MetadataTables.ReadSchema(connection);
        var diff = SchemaDiff.Compute(stored, layout);
        if (diff.Breaking.Count > 0 && config.SchemaVersion <= fileVersion)
        {
            if (config.ShouldDeleteIfMigrationNeeded)
            {
                throw new DeleteRequiredException(diff.Breaking[0]);
            }

            throw new RealmMigrationNeededException(
                $"The realm '{config.DatabasePath}' needs a migration: {string.Join(" ", diff.Breaking)} " +
                $"Raise RealmConfiguration.SchemaVersion above {fileVersion} (and give a MigrationCallback to keep or convert data), or set ShouldDeleteIfMigrationNeeded for a disposable cache.");
        }

        ApplyAdditive(connection, layout, diff);
        if (config.SchemaVersion > fileVersion)
        {
            SchemaMigrator.Migrate(new MigrationContext(connection, layout, stored, diff, config, fileVersion, migrationRealm));
        }

        foreach (var table in layout.Tables)
        {
            MetadataTables.WriteClass(connection, table.Schema);
        }

        MetadataTables.WriteInteger(connection, SchemaVersionKey, unchecked((long)config.SchemaVersion));
    }

    private static ulong CheckVersions(SqliteConnection connection, RealmConfiguration config)
    {
        var format = MetadataTables.ReadInteger(connection, FormatKey) ?? 0;
        if (format > MetadataTables.FormatVersion)
        {
            throw new RealmMigrationNeededException($"The realm '{config.DatabasePath}' was written by a newer SourceGenSync (file format {format}; this version reads up to {MetadataTables.FormatVersion}). Upgrade the SourceGenSync package to open it.");
        }

        var fileVersion = unchecked((ulong)(MetadataTables.ReadInteger(connection, SchemaVersionKey) ?? 0));
        if (fileVersion > config.SchemaVersion)
        {
            throw new RealmMigrationNeededException(string.Create(CultureInfo.InvariantCulture,
                $"The realm '{config.DatabasePath}' has schema version {fileVersion}, newer than this app's {config.SchemaVersion}: it was written by a later version of the app. Open it with SchemaVersion {fileVersion} or later; the file was left untouched."));
        }

        return fileVersion;
    }

    /// <summary>A read-only realm cannot change its file: the schemas must already agree.</summary>
    private static void Verify(SqliteConnection connection, StorageLayout layout, RealmConfiguration config)
    {
        if (!MetadataTables.Exist(connection))
        {
            throw new RealmCorruptFileException($"The file '{config.DatabasePath}' is not a realm (it has no realm metadata). It was left untouched.");
        }

        var fileVersion = CheckVersions(connection, config);
        var diff = SchemaDiff.Compute(MetadataTables.ReadSchema(connection), layout);
        if (!diff.IsEmpty || fileVersion != config.SchemaVersion)
        {
            var what = diff.Breaking.Count > 0 ? diff.Breaking[0]
                : diff.AddedClasses.Count > 0 ? $"Class '{diff.AddedClasses[0].Name}' is not in the file."
                : diff.AddedProperties.Count > 0 ? $"Property '{diff.AddedProperties[0].Table.ClassName}.{diff.AddedProperties[0].Property.MappedName}' is not in the file."
                : "The schema version differs.";
            throw new RealmMigrationNeededException($"The read-only realm '{config.DatabasePath}' has a different schema than configured: {what} Open it writable once to upgrade it, or configure its exact schema.");
        }
    }

    public static void CreateClass(SqliteConnection connection, TableMap table)
    {
        foreach (var statement in SchemaDdl.CreateClass(table))
        {
            RealmFile.Execute(connection, statement);
        }

        MetadataTables.WriteClass(connection, table.Schema);
    }

    public static void ApplyAdditive(SqliteConnection connection, StorageLayout layout, SchemaDiff diff)
    {
        foreach (var table in TablesOf(layout, diff.AddedClasses))
        {
            CreateClass(connection, table);
        }

        foreach (var (table, property) in diff.AddedProperties)
        {
            AddProperty(connection, table, property);
        }

        foreach (var (table, column, old) in diff.IndexChanges)
        {
            ChangeIndex(connection, table, column, old);
        }
    }

    public static void AddProperty(SqliteConnection connection, TableMap table, Property property)
    {
        if (table.CollectionsByOrdinal[property.Index] is { } collection)
        {
            foreach (var statement in SchemaDdl.CreateCollection(collection))
            {
                RealmFile.Execute(connection, statement);
            }

            return;
        }

        var column = table.Column(property.Index);
        RealmFile.Execute(connection, $"ALTER TABLE {table.QuotedName} ADD COLUMN {SchemaDdl.ColumnDefinition(column)}{DefaultClause(column)}");
        if (column.Encoding is ValueEncoding.Guid or ValueEncoding.ObjectId or ValueEncoding.Data && DefaultLiteral(column.Encoding, column.Property.IsNullable) is { } blob)
        {
            // Existing rows only imply an added column's default; SQLite's incremental blob reader (which reads
            // fixed-size blobs) needs the value in the row itself, so write it.
            RealmFile.Execute(connection, $"UPDATE {table.QuotedName} SET {column.QuotedName} = {blob}");
        }

        if (column.HasAux)
        {
            var auxDefault = column.Property.IsNullable || column.Encoding == ValueEncoding.Mixed ? "" : " DEFAULT 0";
            RealmFile.Execute(connection, $"ALTER TABLE {table.QuotedName} ADD COLUMN {SchemaDdl.AuxColumnDefinition(column)}{auxDefault}");
        }

        foreach (var statement in SchemaDdl.ColumnIndexes(table, column))
        {
            RealmFile.Execute(connection, statement);
        }
    }

    /// <summary>Existing rows get the property type's default value (what a new unmanaged object would hold).</summary>
    public static string DefaultClause(ColumnMap column) =>
        DefaultLiteral(column.Encoding, column.Property.IsNullable) is { } literal ? " DEFAULT " + literal : "";

    /// <summary>The SQL literal of a type's default value; null where the default is NULL (nullable, links, embedded, mixed).</summary>
    public static string? DefaultLiteral(ValueEncoding encoding, bool isNullable)
    {
        if (isNullable || encoding is ValueEncoding.Link or ValueEncoding.Embedded or ValueEncoding.Mixed)
        {
            return null;
        }

        return encoding switch
        {
            ValueEncoding.String => "''",
            ValueEncoding.Decimal => "'0'",
            ValueEncoding.Data => "X''",
            ValueEncoding.Guid => "X'00000000000000000000000000000000'",
            ValueEncoding.ObjectId => "X'000000000000000000000000'",
            ValueEncoding.Float or ValueEncoding.Double => "0.0",
            _ => "0",
        };
    }

    private static void ChangeIndex(SqliteConnection connection, TableMap table, ColumnMap column, IndexType old)
    {
        if (old == IndexType.FullText)
        {
            var fts = StorageLayout.FullTextTableName(table.ClassName, column.Name);
            foreach (var suffix in new[] { ".insert", ".delete", ".update" })
            {
                RealmFile.Execute(connection, $"DROP TRIGGER IF EXISTS {StorageLayout.Quote(fts + suffix)}");
            }

            RealmFile.Execute(connection, $"DROP TABLE IF EXISTS {StorageLayout.Quote(fts)}");
        }
        else
        {
            RealmFile.Execute(connection, $"DROP INDEX IF EXISTS {SchemaDdl.IndexName(table.Name, column.Name, "idx")}");
        }

        foreach (var statement in SchemaDdl.ColumnIndexes(table, column))
        {
            RealmFile.Execute(connection, statement);
        }

        if (column.Property.IndexType == IndexType.FullText)
        {
            var fts = StorageLayout.Quote(StorageLayout.FullTextTableName(table.ClassName, column.Name));
            RealmFile.Execute(connection, $"INSERT INTO {fts} ({fts}) VALUES ('rebuild')");
        }
    }

    internal static IEnumerable<TableMap> TablesOf(StorageLayout layout, IEnumerable<ObjectSchema> schemas)
    {
        foreach (var schema in schemas)
        {
            yield return layout[schema.Name];
        }
    }
}
