using System;
using System.Collections.Generic;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Objects;

/// <summary>
/// Receives an unmanaged object's values from its generated <c>WriteProperties</c> when it is added: column values
/// ready to bind (in <see cref="TableMap.SelectList"/> order without the key), the payloads to record, and the links,
/// embedded objects and collections that need the store before they can be written.
/// </summary>
internal sealed class RowCollector : IRowWriter
{
    private readonly TableMap _table;

    public RowCollector(TableMap table)
    {
        _table = table;
        Table = table;
        Values = new object[ColumnCount(table)];
        Array.Fill(Values, DBNull.Value);
        Payloads = new Payload[table.Schema.Properties.Count];
    }

    public TableMap Table { get; }

    /// <summary>Bind values, position i for reader column i + 1.</summary>
    public object[] Values { get; }

    /// <summary>What each property's initial SetField instruction records (links and embedded objects are filled in later).</summary>
    public Payload[] Payloads { get; }

    public List<(ColumnMap Column, IRealmObjectBase Target)> Links { get; } = [];

    public List<(ColumnMap Column, IRealmObjectBase Target)> Embedded { get; } = [];

    /// <summary>Collections to copy once the object is managed (each closure knows its element type).</summary>
    public List<(Action<ManagedAccessor> Apply, bool IsEmpty)> Collections { get; } = [];

    public RealmValue PrimaryKey { get; private set; }

    public static int ColumnCount(TableMap table)
    {
        var count = 0;
        foreach (var column in table.Columns)
        {
            count += column.HasAux ? 2 : 1;
        }

        return count;
    }

    private void Put(int index, object main, object? aux, in RealmValue recorded)
    {
        var column = _table.Column(index);
        Values[column.ReaderIndex - 1] = main;
        if (column.HasAux)
        {
            Values[column.ReaderIndex] = aux ?? DBNull.Value;
        }

        Payloads[index] = Payload.Of(recorded);
        if (column.Property.IsPrimaryKey)
        {
            PrimaryKey = recorded;
        }
    }

    public void SetNull(int index) => Put(index, DBNull.Value, DBNull.Value, RealmValue.Null);

    public void SetBoolean(int index, bool value) => Put(index, ValueCodec.Bool(value), null, value);

    public void SetInt64(int index, long value) => Put(index, value, null, value);

    public void SetSingle(int index, float value) => Put(index, ValueCodec.Double(value), null, value);

    public void SetDouble(int index, double value) => Put(index, ValueCodec.Double(value), null, value);

    public void SetDecimal(int index, decimal value) => Put(index, ValueCodec.DecimalToText(value), null, value);

    public void SetString(int index, string value) => Put(index, value, null, value);

    public void SetBytes(int index, byte[] value) => Put(index, value, null, value);

    public void SetDateTimeOffset(int index, DateTimeOffset value) => Put(index, value.UtcTicks, (long)value.Offset.TotalMinutes, value);

    public void SetDateTime(int index, DateTime value)
    {
        value = ColumnValues.Normalize(_table.Column(index).Property, value);
        Put(index, value.Ticks, (long)value.Kind, ValueCodec.PackDateTime(value));
    }

    public void SetGuid(int index, Guid value) => Put(index, ValueCodec.GuidToBytes(value), null, value);

    public void SetObjectId(int index, ObjectId value) => Put(index, ValueCodec.ObjectIdToBytes(value), null, value);

    public void SetRealmValue(int index, RealmValue value)
    {
        var (main, aux) = ColumnValues.Mixed(value);
        Put(index, main, aux, value);
    }

    public void SetObject(int index, IRealmObjectBase? value)
    {
        var column = _table.Column(index);
        Payloads[index] = Payload.Of(RealmValue.Null);
        if (value is null)
        {
            return;
        }

        if (column.Encoding == ValueEncoding.Embedded)
        {
            Embedded.Add((column, value));
        }
        else
        {
            Links.Add((column, value));
        }
    }

    public void SetList<T>(int index, IEnumerable<T> items)
    {
        var snapshot = ToArray(items);
        Collections.Add((accessor => ((IManagedCollection)accessor.GetList<T>(index)).ReplaceWith(snapshot), snapshot.Length == 0));
    }

    public void SetSet<T>(int index, IEnumerable<T> items)
    {
        var snapshot = ToArray(items);
        Collections.Add((accessor => ((IManagedCollection)accessor.GetSet<T>(index)).ReplaceWith(snapshot), snapshot.Length == 0));
    }

    public void SetDictionary<T>(int index, IEnumerable<KeyValuePair<string, T>> items)
    {
        var snapshot = ToArray(items);
        Collections.Add((accessor => ((IManagedCollection)accessor.GetDictionary<T>(index)).ReplaceWith(snapshot), snapshot.Length == 0));
    }

    private static TItem[] ToArray<TItem>(IEnumerable<TItem> items) => items is ICollection<TItem> { Count: 0 } ? [] : [.. items];
}

/// <summary>An embedded object whose row is inserted but which is not managed yet (its owner is being written).</summary>
internal sealed record PendingEmbedded(int OwnerOrdinal, Schema.Property OwnerProperty, IRealmObjectBase Child, RowCollector Values, long Key, List<PendingEmbedded> Children);
