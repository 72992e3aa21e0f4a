using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Sync;

internal sealed partial class LocalApplier
{
    private string? ApplyToCollection(TableMap table, long row, Property property, Instruction instruction)
    {
        if (table.CollectionsByOrdinal[property.Index] is not { } collection)
        {
            return "a collection instruction on a field that is not a collection";
        }

        var kind = collection.Kind;
        return instruction switch
        {
            ListInsert i when kind == CollectionKind.List => ListInsertAt(collection, row, i.Index, i.Value),
            ListSet i when kind == CollectionKind.List => ListSetAt(collection, row, i.Index, i.Value),
            ListErase i when kind == CollectionKind.List => ListEraseAt(collection, row, i.Index),
            SetInsert i when kind == CollectionKind.Set => SetInsertValue(collection, row, i.Value),
            SetErase i when kind == CollectionKind.Set => SetEraseValue(collection, row, i.Value),
            DictionarySet i when kind == CollectionKind.Dictionary => DictionarySetEntry(collection, row, i.Key, i.Value),
            DictionaryErase i when kind == CollectionKind.Dictionary => DictionaryEraseEntry(collection, row, i.Key),
            CollectionClear => ClearCollection(collection, row),
            _ => $"{instruction.GetType().Name} on a {kind.ToString().ToLowerInvariant()}",
        };
    }

    /// <summary>
    /// Converts an element payload; a NewEmbedded element becomes a new embedded row. Link elements are never null
    /// in lists and sets; dictionary values may be (a removed target leaves its key with a null value).
    /// </summary>
    private string? ElementValue(CollectionTableMap collection, in Payload payload, bool allowNullLink, out StoredValue value)
    {
        value = default;
        var allowNull = collection.Property.IsNullable || collection.Encoding == ValueEncoding.Mixed ||
                        (allowNullLink && collection.Encoding is ValueEncoding.Link or ValueEncoding.Embedded);
        if (ConvertPayload(payload, collection.Encoding, collection.Target, allowNull, out var resolved) is { } error)
        {
            return error;
        }

        value = resolved.IsNewEmbedded ? new StoredValue(ColumnValue.Int(InsertEmbedded(collection.Target!)), default) : resolved.Value;
        return null;
    }

    private string? ListInsertAt(CollectionTableMap list, long owner, long index, in Payload payload)
    {
        if (index < 0 || index > CountElements(list, owner))
        {
            return "list index out of range";
        }

        if (ElementValue(list, payload, allowNullLink: false, out var value) is { } error)
        {
            return error;
        }

        var shift = Statement(list, SqlKind.ListShiftUp);
        shift.BindInt64(1, owner);
        shift.BindInt64(2, index);
        shift.Execute();

        var insert = Statement(list, SqlKind.ListInsertRow);
        insert.BindInt64(1, owner);
        insert.BindInt64(2, index);
        value.BindTo(insert, 3, list.HasAux ? 4 : 0);
        insert.Execute();
        return null;
    }

    private string? ListSetAt(CollectionTableMap list, long owner, long index, in Payload payload)
    {
        if (index < 0 || index >= CountElements(list, owner))
        {
            return "list index out of range";
        }

        // ElementValue checks before it creates anything: a skipped instruction leaves the list as it was.
        var old = list.Encoding == ValueEncoding.Embedded ? ReadListElementKey(list, owner, index) : null;
        if (ElementValue(list, payload, allowNullLink: false, out var value) is { } error)
        {
            return error;
        }

        var update = Statement(list, SqlKind.ListUpdate);
        value.BindTo(update, 1, list.HasAux ? 2 : 0);
        update.BindInt64(list.HasAux ? 3 : 2, owner);
        update.BindInt64(list.HasAux ? 4 : 3, index);
        update.Execute();
        if (old is long child)
        {
            DeleteRow(list.Target!, child);
        }

        return null;
    }

    private string? ListEraseAt(CollectionTableMap list, long owner, long index)
    {
        if (index < 0 || index >= CountElements(list, owner))
        {
            return "list index out of range";
        }

        var old = list.Encoding == ValueEncoding.Embedded ? ReadListElementKey(list, owner, index) : null;
        var delete = Statement(list, SqlKind.ListDeleteRow);
        delete.BindInt64(1, owner);
        delete.BindInt64(2, index);
        delete.Execute();

        var shift = Statement(list, SqlKind.ListShiftDown);
        shift.BindInt64(1, owner);
        shift.BindInt64(2, index);
        shift.Execute();
        if (old is long child)
        {
            DeleteRow(list.Target!, child);
        }

        return null;
    }

    private string? SetInsertValue(CollectionTableMap set, long owner, in Payload payload)
    {
        if (set.Encoding == ValueEncoding.Embedded)
        {
            return "a set cannot hold embedded objects";
        }

        if (ElementValue(set, payload, allowNullLink: false, out var value) is { } error)
        {
            return error;
        }

        // Inserting a member that is present is a no-op, not a skip (concurrent inserts of one element both apply).
        if (FindSetRow(set, owner, value) is null)
        {
            var insert = Statement(set, SqlKind.SetInsertRow);
            insert.BindInt64(1, owner);
            value.BindTo(insert, 2, set.HasAux ? 3 : 0);
            insert.Execute();
        }

        return null;
    }

    private string? SetEraseValue(CollectionTableMap set, long owner, in Payload payload)
    {
        if (set.Encoding == ValueEncoding.Embedded)
        {
            return "a set cannot hold embedded objects";
        }

        if (ElementValue(set, payload, allowNullLink: false, out var value) is { } error)
        {
            return error;
        }

        if (FindSetRow(set, owner, value) is long rowId)
        {
            var delete = Statement(set, SqlKind.DeleteByRowId);
            delete.BindInt64(1, rowId);
            delete.Execute();
        }

        return null;
    }

    private string? DictionarySetEntry(CollectionTableMap dictionary, long owner, string? key, in Payload payload)
    {
        if (key is null)
        {
            return "no dictionary key";
        }

        var old = dictionary.Encoding == ValueEncoding.Embedded ? ReadDictionaryElementKey(dictionary, owner, key) : null;
        if (ElementValue(dictionary, payload, allowNullLink: true, out var value) is { } valueError)
        {
            return valueError;
        }

        var upsert = Statement(dictionary, SqlKind.DictionaryUpsert);
        upsert.BindInt64(1, owner);
        upsert.BindText(2, key);
        value.BindTo(upsert, 3, dictionary.HasAux ? 4 : 0);
        upsert.Execute();
        if (old is long child)
        {
            DeleteRow(dictionary.Target!, child);
        }

        return null;
    }

    private string? DictionaryEraseEntry(CollectionTableMap dictionary, long owner, string? key)
    {
        if (key is null)
        {
            return "no dictionary key";
        }

        var old = dictionary.Encoding == ValueEncoding.Embedded ? ReadDictionaryElementKey(dictionary, owner, key) : null;
        var delete = Statement(dictionary, SqlKind.DictionaryDeleteRow);
        delete.BindInt64(1, owner);
        delete.BindText(2, key);
        delete.Execute();
        if (old is long child)
        {
            DeleteRow(dictionary.Target!, child);
        }

        return null;
    }

    private string? ClearCollection(CollectionTableMap collection, long owner)
    {
        DeleteCollectionRows(collection, owner);
        return null;
    }

    /// <summary>Deletes an owner's rows of a side table, and the embedded objects they own.</summary>
    private void DeleteCollectionRows(CollectionTableMap collection, long owner)
    {
        if (collection.Encoding == ValueEncoding.Embedded)
        {
            var children = new List<long>();
            var values = Statement(collection, SqlKind.CollectionValues);
            try
            {
                values.BindInt64(1, owner);
                while (values.Step())
                {
                    if (!values.IsNull(0))
                    {
                        children.Add(values.GetInt64(0));
                    }
                }
            }
            finally
            {
                values.Reset();
            }

            foreach (var child in children)
            {
                DeleteRow(collection.Target!, child);
            }
        }

        var delete = Statement(collection, SqlKind.CollectionDeleteAll);
        delete.BindInt64(1, owner);
        delete.Execute();
    }

    private long CountElements(CollectionTableMap list, long owner)
    {
        var count = Statement(list, SqlKind.CollectionCount);
        try
        {
            count.BindInt64(1, owner);
            count.Step();
            return count.GetInt64(0);
        }
        finally
        {
            count.Reset();
        }
    }

    private long? ReadListElementKey(CollectionTableMap list, long owner, long index)
    {
        var read = Statement(list, SqlKind.ListReadValue);
        try
        {
            read.BindInt64(1, owner);
            read.BindInt64(2, index);
            return read.Step() && !read.IsNull(0) ? read.GetInt64(0) : null;
        }
        finally
        {
            read.Reset();
        }
    }

    private long? ReadDictionaryElementKey(CollectionTableMap dictionary, long owner, string key)
    {
        var read = Statement(dictionary, SqlKind.DictionaryReadValue);
        try
        {
            read.BindInt64(1, owner);
            read.BindText(2, key);
            return read.Step() && !read.IsNull(0) ? read.GetInt64(0) : null;
        }
        finally
        {
            read.Reset();
        }
    }

    /// <summary>The side-table rowid of a set member (mixed values compare with their type, as the SDK's sets do).</summary>
    private long? FindSetRow(CollectionTableMap set, long owner, in StoredValue value)
    {
        var find = Statement(set, SqlKind.SetFindRow);
        try
        {
            find.BindInt64(1, owner);
            value.Main.BindTo(find, 2);
            if (set.Encoding == ValueEncoding.Mixed)
            {
                value.Aux.BindTo(find, 3);
            }

            return find.Step() ? find.GetInt64(0) : null;
        }
        finally
        {
            find.Reset();
        }
    }
}
