using System;
using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync;

// How a changeset names a row known only by its table and row key (removal side effects find the rows that link to
// a removed object with SQL, not through live objects): a top-level row by class and identity, an embedded row by
// the path from its top-level owner, found by searching the columns and side tables that can own its class.
public sealed partial class Realm
{
    /// <summary>The changeset reference of row <paramref name="key"/> of <paramref name="table"/> (call under the gate or not: it takes it).</summary>
    internal ObjectRef RefOfRow(TableMap table, long key)
    {
        var path = new List<PathElement>();
        while (table.IsEmbedded)
        {
            var (owner, ownerKey, element) = OwnerOfEmbedded(table, key);
            path.Add(element);
            table = owner;
            key = ownerKey;
        }

        path.Reverse();
        var identity = IdentityOfRow(table, key);
        return path.Count == 0 ? ObjectRef.TopLevel(table.ClassName, identity) : new ObjectRef(table.ClassName, identity, [.. path]);
    }

    private RealmValue IdentityOfRow(TableMap table, long key)
    {
        if (table.PrimaryKey is not { } pk)
        {
            return key;
        }

        if (_classes[table.Id].TryGetByKey(key, out var live) && live.Accessor is Internal.Objects.ManagedAccessor { Identity.IsNull: false } accessor)
        {
            return accessor.Identity;
        }

        lock (Gate)
        {
            var command = Command($"SELECT {pk.QuotedName} FROM {table.QuotedName} WHERE {StorageLayout.Quote(StorageLayout.KeyColumn)} = $key", "$key");
            command.Parameters[0].Value = key;
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? ValueCodec.ReadIdentity(reader, 0, pk.Encoding)
                : throw new InvalidOperationException($"The {table.ClassName} row {key} does not exist.");
        }
    }

    /// <summary>The owner of an embedded row: its table, row key and the path step from it to the row.</summary>
    private (TableMap Owner, long OwnerKey, PathElement Element) OwnerOfEmbedded(TableMap embedded, long key)
    {
        lock (Gate)
        {
            foreach (var table in Layout.Tables)
            {
                foreach (var column in table.Columns)
                {
                    if (column.Encoding == ValueEncoding.Embedded && column.Target == embedded)
                    {
                        var command = Command($"SELECT {StorageLayout.Quote(StorageLayout.KeyColumn)} FROM {table.QuotedName} WHERE {column.QuotedName} = $id", "$id");
                        command.Parameters[0].Value = key;
                        if (command.ExecuteScalar() is long owner)
                        {
                            return (table, owner, new PathElement(column.Property.MappedName));
                        }
                    }
                }

                foreach (var side in table.Collections)
                {
                    if (side.Encoding != ValueEncoding.Embedded || side.Target != embedded)
                    {
                        continue;
                    }

                    var where = side.Kind == CollectionKind.List ? "position" : "key";
                    var command = Command($"SELECT owner, {where} FROM {side.QuotedName} WHERE value = $id", "$id");
                    command.Parameters[0].Value = key;
                    using var reader = command.ExecuteReader();
                    if (reader.Read())
                    {
                        var element = side.Kind == CollectionKind.List
                            ? new PathElement(side.Property.MappedName, Index: reader.GetInt64(1))
                            : new PathElement(side.Property.MappedName, Key: reader.GetString(1));
                        return (table, reader.GetInt64(0), element);
                    }
                }
            }
        }

        throw new InvalidOperationException($"The embedded {embedded.ClassName} row {key} has no owner.");
    }
}
