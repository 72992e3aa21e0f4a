using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Migrations;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// Runs a schema-version migration inside the open's transaction (after <see cref="SchemaManager"/> applied the
/// additive changes): rebuilds every class whose stored shape changed (<see cref="ClassRebuilder"/>), runs the
/// user's callback, re-points links to classes whose identity changed, checks the primary keys, and drops the old
/// tables. Any failure rolls the whole open back, leaving the file as it was.
/// </summary>
/// <remarks>
/// Nothing a migration does is recorded in the change log (sgs_changesets): it is local schema work that brings
/// this file to the app's schema, not a change to the data the app made. The migration realm's change recorder is
/// simply never committed.
/// </remarks>
internal static class SchemaMigrator
{
    public static void Migrate(MigrationContext context)
    {
        var connection = context.Connection;
        var oldClasses = new Dictionary<string, OldClass>(StringComparer.Ordinal);
        foreach (var (name, stored) in context.OldSchema)
        {
            oldClasses[name] = new OldClass(stored, context.OldSchema);
        }

        var changedIdentities = LinkRemapper.ChangedIdentities(context.NewLayout, context.OldSchema);
        var toRebuild = new HashSet<string>(context.Diff.ReshapedClasses, StringComparer.Ordinal);
        toRebuild.UnionWith(LinkRemapper.Dependents(context.NewLayout, oldClasses, changedIdentities));
        var rebuilt = new List<TableMap>();
        foreach (var table in context.NewLayout.Tables)
        {
            if (toRebuild.Contains(table.ClassName) && oldClasses.ContainsKey(table.ClassName))
            {
                rebuilt.Add(table);
            }
        }

        var moved = new List<string>();
        foreach (var table in rebuilt)
        {
            moved.AddRange(ClassRebuilder.MoveAside(connection, oldClasses[table.ClassName], table));
        }

        var primaryKeyIndexes = new List<(TableMap Table, string Statement)>();
        foreach (var table in rebuilt)
        {
            if (ClassRebuilder.Create(connection, table) is { } statement)
            {
                primaryKeyIndexes.Add((table, statement));
            }
        }

        foreach (var table in rebuilt)
        {
            ClassRebuilder.Copy(connection, oldClasses[table.ClassName], table);
        }

        if (context.Configuration.MigrationCallback is { } callback)
        {
            RunCallback(context, callback, new MigrationSession(connection, context.NewLayout, oldClasses));
        }

        LinkRemapper.Remap(connection, context.NewLayout, oldClasses, changedIdentities);
        foreach (var (table, statement) in primaryKeyIndexes)
        {
            CreatePrimaryKeyIndex(context, table, statement);
        }

        ClassRebuilder.DropTables(connection, moved);
    }

    private static void RunCallback(MigrationContext context, MigrationCallback callback, MigrationSession session)
    {
        var realm = context.OpenNewRealm();
        realm.EnterMigrationFlow();
        var migration = new Migration(realm, session, context.OldVersion);
        try
        {
            callback(migration, context.OldVersion);
        }
        catch (Exception e)
        {
            throw new RealmMigrationException(string.Create(CultureInfo.InvariantCulture,
                $"The migration of the realm '{context.Configuration.DatabasePath}' from schema version {context.OldVersion} to {context.Configuration.SchemaVersion} failed: the MigrationCallback threw {e.GetType().Name}: {e.Message} Nothing was changed; the file keeps schema version {context.OldVersion} and its data."), e);
        }
        finally
        {
            migration.End();
        }
    }

    private static void CreatePrimaryKeyIndex(MigrationContext context, TableMap table, string statement)
    {
        try
        {
            RealmFile.Execute(context.Connection, statement);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            var pk = table.PrimaryKey!;
            using var command = context.Connection.CreateCommand();
            command.CommandText = $"SELECT {pk.QuotedName} FROM {table.QuotedName} GROUP BY {pk.QuotedName} HAVING count(*) > 1 LIMIT 1";
            using var reader = command.ExecuteReader();
            var duplicate = reader.Read() ? Realm.Describe(ValueCodec.ReadIdentity(reader, 0, pk.Encoding)) : "?";
            throw new RealmMigrationException(
                $"The migration of the realm '{context.Configuration.DatabasePath}' left several '{table.ClassName}' objects with the primary key {duplicate}, but '{table.ClassName}.{pk.Name}' must be unique. " +
                "Give every object a distinct key in the MigrationCallback (or remove the duplicates). Nothing was changed.", e);
        }
    }
}
