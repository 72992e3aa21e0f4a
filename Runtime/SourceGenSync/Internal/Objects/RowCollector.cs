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
        Values = new ColumnValue[ColumnCount(table)];
        Payloads = new Payload[table.Schema.Properties.Count];
    }

    public TableMap Table { get; }

    /// <summary>Bind values, position i for reader column i + 1.</summary>
    public ColumnValue[] Values { get; }

    /// <summary>What each property's initial SetField instruction records (links and embedded objects are filled in later).</summary>
    public Payload[] Payloads { get; }

    // Most objects have no links, embedded objects or collections: the lists are made on first use, and the
    // getters hand out one shared empty list (never added to: only this class adds, through the fields).
    private static readonly List<(ColumnMap, IRealmObjectBase)> s_noObjects = [];
    private static readonly List<(Action<ManagedAccessor>, bool)> s_noCollections = [];
    private List<(ColumnMap Column, IRealmObjectBase Target)>? _links;
    private List<(ColumnMap Column, IRealmObjectBase Target)>? _embedded;
    private List<(Action<ManagedAccessor> Apply, bool IsEmpty)>? _collections;

    public List<(ColumnMap Column, IRealmObjectBase Target)> Links => _links ?? s_noObjects;

    public List<(ColumnMap Column, IRealmObjectBase Target)> Embedded => _embedded ?? s_noObjects;

    /// <summary>Collections to copy once the object is managed (each closure knows its element type).</summary>
    public List<(Action<ManagedAccessor> Apply, bool IsEmpty)> Collections => _collections ?? s_noCollections;

    /// <summary>Whether links or embedded objects must be written before the row itself.</summary>
    public bool HasDeferred => _links is { Count: > 0 } || _embedded is { Count: > 0 };

    public RealmValue PrimaryKey { get; private set; }

    /// <summary>Makes the collector ready for another object of the same table (see <see cref="ClassState.RentCollector"/>).</summary>
    public void Reset()
    {
        Array.Clear(Values);
        Array.Clear(Payloads);
        PrimaryKey = default;
        _links?.Clear();
        _embedded?.Clear();
        _collections?.Clear();
    }

    public static int ColumnCount(TableMap table)
    {
        var count = 0;
        foreach (var column in table.Columns)
        {
            count += column.HasAux ? 2 : 1;
        }

        return count;
    }

    private void Put(int index, in ColumnValue main, in ColumnValue aux, in RealmValue recorded)
    {
        var column = _table.Column(index);
        Values[column.ReaderIndex - 1] = main;
        if (column.HasAux)
        {
            Values[column.ReaderIndex] = aux;
        }

        Payloads[index] = Payload.Of(recorded);
        if (column.Property.IsPrimaryKey)
        {
            PrimaryKey = recorded;
        }
    }

    public void SetNull(int index) => Put(index, ColumnValue.Null, ColumnValue.Null, RealmValue.Null);

    public void SetBoolean(int index, bool value) => Put(index, ColumnValue.Int(value ? 1 : 0), default, value);

    public void SetInt64(int index, long value) => Put(index, ColumnValue.Int(value), default, value);

    public void SetSingle(int index, float value) => Put(index, ColumnValue.Double(value), default, value);

    public void SetDouble(int index, double value) => Put(index, ColumnValue.Double(value), default, value);

    public void SetDecimal(int index, decimal value) => Put(index, ColumnValue.Text(ValueCodec.DecimalToText(value)), default, value);

    public void SetString(int index, string value) => Put(index, ColumnValue.Text(value), default, value);

    public void SetBytes(int index, byte[] value) => Put(index, ColumnValue.Blob(value), default, value);

    public void SetDateTimeOffset(int index, DateTimeOffset value) =>
        Put(index, ColumnValue.Int(value.UtcTicks), ColumnValue.Int((long)value.Offset.TotalMinutes), value);

    public void SetDateTime(int index, DateTime value)
    {
        value = ColumnValues.Normalize(_table.Column(index).Property, value);
        Put(index, ColumnValue.Int(value.Ticks), ColumnValue.Int((long)value.Kind), ValueCodec.PackDateTime(value));
    }

    public void SetGuid(int index, Guid value) => Put(index, ColumnValue.Of(value), default, value);

    public void SetObjectId(int index, ObjectId value) => Put(index, ColumnValue.Of(value), default, value);

    public void SetRealmValue(int index, RealmValue value)
    {
        var (main, aux) = ColumnValues.Mixed(value);
        Put(index, ColumnValue.FromObject(main), ColumnValue.FromObject(aux), value);
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
            (_embedded ??= []).Add((column, value));
        }
        else
        {
            (_links ??= []).Add((column, value));
        }
    }

    public void SetList<T>(int index, IEnumerable<T> items)
    {
        var snapshot = ToArray(items);
        (_collections ??= []).Add((accessor => ((IManagedCollection)accessor.GetList<T>(index)).ReplaceWith(snapshot), snapshot.Length == 0));
    }

    public void SetSet<T>(int index, IEnumerable<T> items)
    {
        var snapshot = ToArray(items);
        (_collections ??= []).Add((accessor => ((IManagedCollection)accessor.GetSet<T>(index)).ReplaceWith(snapshot), snapshot.Length == 0));
    }

    public void SetDictionary<T>(int index, IEnumerable<KeyValuePair<string, T>> items)
    {
        var snapshot = ToArray(items);
        (_collections ??= []).Add((accessor => ((IManagedCollection)accessor.GetDictionary<T>(index)).ReplaceWith(snapshot), snapshot.Length == 0));
    }

    private static TItem[] ToArray<TItem>(IEnumerable<TItem> items) => items is ICollection<TItem> { Count: 0 } ? [] : [.. items];
}

/// <summary>An embedded object whose row is inserted but which is not managed yet (its owner is being written).</summary>
internal sealed record PendingEmbedded(int OwnerOrdinal, Schema.Property OwnerProperty, IRealmObjectBase Child, RowCollector Values, long Key, List<PendingEmbedded> Children);
