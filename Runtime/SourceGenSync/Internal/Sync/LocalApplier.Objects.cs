using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Sync;

internal sealed partial class LocalApplier
{
    /// <summary>
    /// Writes the pending CreateObject as one INSERT of every column (fields not set get the type's default). An
    /// object that already existed (concurrent creates of one primary key are one object) keeps its row, and the
    /// fields that followed the CreateObject are set on it.
    /// </summary>
    private void Flush()
    {
        if (_pending is not { } pending)
        {
            return;
        }

        _pending = null;
        var table = pending.Table;
        var statement = Statement(table, SqlKind.InsertObject);
        var index = 1;
        if (table.PrimaryKey is null)
        {
            pending.Identity.Main.BindTo(statement, index++);
        }

        var columns = table.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var value = ReferenceEquals(column, table.PrimaryKey) ? pending.Identity
                : pending.IsSet[i] ? pending.Values[i]
                : StoredValue.DefaultFor(column);
            value.Main.BindTo(statement, index++);
            if (column.HasAux)
            {
                value.Aux.BindTo(statement, index++);
            }
        }

        statement.Execute();
        if (Changes() == 1)
        {
            Remember(table, pending.Object.PrimaryKey, LastInsertRowId());
            return;
        }

        // The object existed: set the fields on its row.
        if (FindRow(table, pending.Object.PrimaryKey, pending.Identity) is not long row)
        {
            return;
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (pending.IsSet[i] && !ReferenceEquals(columns[i], table.PrimaryKey))
            {
                UpdateColumn(columns[i], row, pending.Values[i]);
            }
        }
    }

    /// <summary>
    /// Folds a SetField on the object just created into its INSERT. False when it cannot be (an embedded object
    /// field, a collection, an unknown field): the caller flushes and applies it on its own.
    /// </summary>
    private bool TryAddToPending(PendingObject pending, SetField set, out string? reason)
    {
        reason = null;
        if (set.Field is null || !PropertiesOf(pending.Table).TryGetValue(set.Field, out var property) ||
            property.IsComputed || property.Collection != CollectionKind.None || set.Value.Kind == PayloadKind.NewEmbedded)
        {
            return false;
        }

        var column = pending.Table.ColumnFor(property.Index)!;
        if (column.Encoding == ValueEncoding.Embedded)
        {
            return false;
        }

        if (property.IsPrimaryKey)
        {
            reason = PrimaryKeyCheck(set, pending.Object);
            return true;
        }

        reason = ConvertPayload(set.Value, column.Encoding, column.Target, AllowsNull(column), out var resolved);
        if (reason is null)
        {
            var position = pending.ColumnPosition(column);
            pending.Values[position] = resolved.Value;
            pending.IsSet[position] = true;
        }

        return true;
    }

    private string? SetFieldOn(TableMap table, long row, Property property, SetField set, in ObjectRef target)
    {
        if (property.Collection != CollectionKind.None || table.ColumnFor(property.Index) is not { } column)
        {
            return "SetField on a collection";
        }

        if (property.IsPrimaryKey)
        {
            return PrimaryKeyCheck(set, target);
        }

        if (ConvertPayload(set.Value, column.Encoding, column.Target, AllowsNull(column), out var resolved) is { } error)
        {
            return error;
        }

        if (column.Encoding != ValueEncoding.Embedded)
        {
            UpdateColumn(column, row, resolved.Value);
            return null;
        }

        // Replacing or clearing an embedded object deletes the old one with everything it owns.
        var old = ReadColumnKey(column, row);
        var value = resolved.IsNewEmbedded ? new StoredValue(Objects.ColumnValue.Int(InsertEmbedded(column.Target!)), default) : StoredValue.Null;
        UpdateColumn(column, row, value);
        if (old is long oldChild)
        {
            DeleteRow(column.Target!, oldChild);
        }

        return null;
    }

    private static string? PrimaryKeyCheck(SetField set, in ObjectRef target) =>
        !target.IsEmbedded && set.Value.Kind == PayloadKind.Value && set.Value.Value.Equals(target.PrimaryKey)
            ? null
            : "SetField may not change a primary key";

    /// <summary>Adds to an Int field; a null counter starts from zero. Wraps on overflow like the document model.</summary>
    private string? AddCounterOn(TableMap table, long row, Property property, long delta)
    {
        if (property.Collection != CollectionKind.None || table.ColumnFor(property.Index) is not { Encoding: ValueEncoding.Int } column)
        {
            return "AddCounter on a field that is not an Int";
        }

        var read = Statement(column, SqlKind.ReadColumn);
        long current;
        try
        {
            read.BindInt64(1, row);
            current = read.Step() && !read.IsNull(0) ? read.GetInt64(0) : 0;
        }
        finally
        {
            read.Reset();
        }

        UpdateColumn(column, row, new StoredValue(Objects.ColumnValue.Int(unchecked(current + delta)), default));
        return null;
    }

    /// <summary>
    /// Converts a payload for a column or element of <paramref name="encoding"/>: plain values of the right type,
    /// links to the target class (by its identity), NewEmbedded for embedded objects.
    /// </summary>
    private static string? ConvertPayload(in Payload payload, ValueEncoding encoding, TableMap? target, bool allowNull, out ResolvedPayload resolved)
    {
        resolved = default;
        switch (payload.Kind)
        {
            case PayloadKind.Value when encoding is ValueEncoding.Link or ValueEncoding.Embedded:
                return payload.Value.IsNull && allowNull ? null : "a plain value for a link or embedded object";
            case PayloadKind.Value:
                if (payload.LinkClass is not null)
                {
                    return "a value with a class";
                }

                if (!StoredValue.TryConvert(payload.Value, encoding, allowNull, out var stored))
                {
                    return payload.Value.IsNull ? "null where the property is not nullable" : "a value of the wrong type";
                }

                resolved = new ResolvedPayload(stored, false);
                return null;
            case PayloadKind.Link:
                if (encoding != ValueEncoding.Link || target is null || payload.LinkClass != target.ClassName)
                {
                    return "a link where the property does not link to that class";
                }

                if (!StoredValue.TryIdentity(payload.Value, target.IdentityEncoding, nullable: false, out var identity))
                {
                    return "a link with a primary key of the wrong type";
                }

                resolved = new ResolvedPayload(identity, false);
                return null;
            case PayloadKind.NewEmbedded:
                if (encoding != ValueEncoding.Embedded || payload.LinkClass is not null || !payload.Value.IsNull)
                {
                    return "NewEmbedded where the property is not an embedded object";
                }

                resolved = new ResolvedPayload(StoredValue.Null, true);
                return null;
            default:
                return "unknown payload kind";
        }
    }

    /// <summary>To-one links, embedded objects and mixed values may be null whatever the nullability flag says.</summary>
    private static bool AllowsNull(ColumnMap column) =>
        column.Property.IsNullable || column.Encoding is ValueEncoding.Link or ValueEncoding.Embedded or ValueEncoding.Mixed;

    private void UpdateColumn(ColumnMap column, long row, in StoredValue value)
    {
        var statement = Statement(column, SqlKind.UpdateColumn);
        if (column.HasAux)
        {
            value.BindTo(statement, 1, 2);
            statement.BindInt64(3, row);
        }
        else
        {
            value.Main.BindTo(statement, 1);
            statement.BindInt64(2, row);
        }

        statement.Execute();
    }

    /// <summary>The row key an embedded-object column holds (null when empty).</summary>
    private long? ReadColumnKey(ColumnMap column, long row)
    {
        var statement = Statement(column, SqlKind.ReadColumn);
        try
        {
            statement.BindInt64(1, row);
            return statement.Step() && !statement.IsNull(0) ? statement.GetInt64(0) : null;
        }
        finally
        {
            statement.Reset();
        }
    }

    /// <summary>A new, empty embedded object (every field at its default); returns its row key.</summary>
    private long InsertEmbedded(TableMap table)
    {
        var statement = Statement(table, SqlKind.InsertEmbedded);
        var index = 1;
        foreach (var column in table.Columns)
        {
            var value = StoredValue.DefaultFor(column);
            value.Main.BindTo(statement, index++);
            if (column.HasAux)
            {
                value.Aux.BindTo(statement, index++);
            }
        }

        statement.Execute();
        return LastInsertRowId();
    }

    /// <summary>Deletes a row with everything it owns: embedded objects (recursively) and its collections' rows.</summary>
    private void DeleteRow(TableMap table, long row)
    {
        foreach (var column in table.Columns)
        {
            if (column.Encoding == ValueEncoding.Embedded && ReadColumnKey(column, row) is long child)
            {
                DeleteRow(column.Target!, child);
            }
        }

        foreach (var collection in table.Collections)
        {
            DeleteCollectionRows(collection, row);
        }

        var delete = Statement(table, SqlKind.DeleteRow);
        delete.BindInt64(1, row);
        delete.Execute();
    }

    /// <summary>
    /// An object just created and the SetFields that follow it, kept until another instruction comes so they go
    /// into one INSERT.
    /// </summary>
    private sealed class PendingObject
    {
        public PendingObject(TableMap table, ObjectRef target, StoredValue identity)
        {
            Table = table;
            Object = target;
            Identity = identity;
            Values = new StoredValue[table.Columns.Count];
            IsSet = new bool[table.Columns.Count];
        }

        public TableMap Table { get; }

        public ObjectRef Object { get; }

        public StoredValue Identity { get; }

        public StoredValue[] Values { get; }

        public bool[] IsSet { get; }

        public bool Addresses(in ObjectRef target) =>
            target.Path.IsDefaultOrEmpty && target.Class == Object.Class && target.PrimaryKey.Equals(Object.PrimaryKey);

        public int ColumnPosition(ColumnMap column)
        {
            var columns = Table.Columns;
            for (var i = 0; i < columns.Count; i++)
            {
                if (ReferenceEquals(columns[i], column))
                {
                    return i;
                }
            }

            throw new KeyNotFoundException(column.Name);
        }
    }
}
