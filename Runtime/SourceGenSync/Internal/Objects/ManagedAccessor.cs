using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Objects;

/// <summary>
/// A managed object's handle on its row. Getters cost one state check (<see cref="EnsureReadable"/>); the object's
/// fields hold the values of the realm's current snapshot and are refreshed in place after commits. Setters write
/// the row through a prepared UPDATE and record the change for the transaction's changeset.
/// </summary>
internal sealed class ManagedAccessor : ObjectAccessor
{
    private AccessorState _state;

    public ManagedAccessor(Realm realm, ClassState classState, long key, RealmValue identity, AccessorState state)
    {
        Realm = realm;
        ClassState = classState;
        Key = key;
        Identity = identity;
        _state = state;
    }

    public Realm Realm { get; }

    public ClassState ClassState { get; }

    public TableMap Table => ClassState.Table;

    /// <summary>The row key ("@key"), or -1 while a linked object has not been loaded yet.</summary>
    public long Key { get; internal set; }

    /// <summary>How links and changesets name this object: its primary key, else its row key.</summary>
    public RealmValue Identity { get; internal set; }

    /// <summary>The object this accessor belongs to.</summary>
    public IRealmObjectBase Object { get; internal set; } = null!;

    /// <summary>For embedded objects: the object that owns this one, and the ordinal of the owning property.</summary>
    public ManagedAccessor? Owner { get; internal set; }

    public int OwnerOrdinal { get; internal set; } = -1;

    public AccessorState State => _state;

    public override bool IsValid => _state is AccessorState.Loaded or AccessorState.Hollow && !Realm.IsClosed;

    public override void EnsureReadable()
    {
        if (_state != AccessorState.Loaded)
        {
            EnsureReadableSlow();
        }
    }

    internal void MarkLoaded() => _state = AccessorState.Loaded;

    internal void Invalidate(AccessorState state) => _state = state;

    private void EnsureReadableSlow()
    {
        switch (_state)
        {
            case AccessorState.Hollow:
                Realm.Load(this);
                break;
            case AccessorState.Removed:
                throw new RealmInvalidObjectException($"This {Table.ClassName} object was removed from the realm and can no longer be used. Check IsValid before using objects that may have been removed.");
            default:
                throw new RealmInvalidObjectException($"This {Table.ClassName} object belongs to a realm that was closed. Keep the realm open while you use its objects, or copy the values you need.");
        }
    }

    private ColumnMap BeginSet(int index)
    {
        EnsureReadable();
        Realm.EnsureInWriteTransaction(this);
        var column = Table.Column(index);
        if (column.Property.IsPrimaryKey)
        {
            throw new InvalidOperationException($"The primary key '{Table.ClassName}.{column.Property.Name}' of a managed object cannot be changed. Remove the object and add a new one with the new key.");
        }

        return column;
    }

    private void Write(int index, object main, object? aux, in RealmValue recorded)
    {
        var column = BeginSet(index);
        Realm.UpdateColumn(this, column, main, aux);
        Realm.Recorder.FieldSet(this, column.Property, Payload.Of(recorded));
    }

    public override void SetNull(int index)
    {
        var column = BeginSet(index);
        if (column.Encoding == ValueEncoding.Embedded)
        {
            Realm.ReplaceEmbedded(this, column, null);
            return;
        }

        Realm.UpdateColumn(this, column, DBNull.Value, column.HasAux ? DBNull.Value : null);
        Realm.Recorder.FieldSet(this, column.Property, Payload.Of(RealmValue.Null));
    }

    public override void SetBoolean(int index, bool value) => Write(index, ValueCodec.Bool(value), null, value);

    public override void SetInt64(int index, long value) => Write(index, value, null, value);

    public override void SetSingle(int index, float value) => Write(index, ValueCodec.Double(value), null, value);

    public override void SetDouble(int index, double value) => Write(index, ValueCodec.Double(value), null, value);

    public override void SetDecimal(int index, decimal value) => Write(index, ValueCodec.DecimalToText(value), null, value);

    public override void SetString(int index, string value) => Write(index, value, null, value);

    public override void SetBytes(int index, byte[] value) => Write(index, value, null, value);

    public override void SetDateTimeOffset(int index, DateTimeOffset value) =>
        Write(index, value.UtcTicks, (long)value.Offset.TotalMinutes, value);

    public override void SetDateTime(int index, DateTime value)
    {
        value = ColumnValues.Normalize(Table.Column(index).Property, value);
        Write(index, value.Ticks, (long)value.Kind, ValueCodec.PackDateTime(value));
    }

    public override void SetGuid(int index, Guid value) => Write(index, ValueCodec.GuidToBytes(value), null, value);

    public override void SetObjectId(int index, ObjectId value) => Write(index, ValueCodec.ObjectIdToBytes(value), null, value);

    public override void SetRealmValue(int index, RealmValue value)
    {
        var (main, aux) = ColumnValues.Mixed(value);
        Write(index, main, aux, value);
    }

    public override void SetObject(int index, IRealmObjectBase? value)
    {
        var column = BeginSet(index);
        if (column.Encoding == ValueEncoding.Embedded)
        {
            Realm.ReplaceEmbedded(this, column, value);
            return;
        }

        if (value is null)
        {
            Realm.UpdateColumn(this, column, DBNull.Value, null);
            Realm.Recorder.FieldSet(this, column.Property, Payload.Of(RealmValue.Null));
            return;
        }

        var target = Realm.EnsureManagedLinkTarget(value, column.Target!);
        Realm.UpdateColumn(this, column, ValueCodec.IdentityToSqlite(target.Identity), null);
        Realm.Recorder.FieldSet(this, column.Property, Payload.Link(column.Target!.ClassName, target.Identity));
    }

    public override void SetList<T>(int index, IEnumerable<T> items)
    {
        Realm.EnsureInWriteTransaction(this);
        ((IManagedCollection)GetList<T>(index)).ReplaceWith(items.ToArray());
    }

    public override void SetSet<T>(int index, IEnumerable<T> items)
    {
        Realm.EnsureInWriteTransaction(this);
        ((IManagedCollection)GetSet<T>(index)).ReplaceWith(items.ToArray());
    }

    public override void SetDictionary<T>(int index, IEnumerable<KeyValuePair<string, T>> items)
    {
        Realm.EnsureInWriteTransaction(this);
        ((IManagedCollection)GetDictionary<T>(index)).ReplaceWith(items.ToArray());
    }

    public override IList<T> GetList<T>(int index) => Realm.Collections.List<T>(this, Collection(index));

    public override ISet<T> GetSet<T>(int index) => Realm.Collections.Set<T>(this, Collection(index));

    public override IDictionary<string, T> GetDictionary<T>(int index) => Realm.Collections.Dictionary<T>(this, Collection(index));

    public override IQueryable<T> GetBacklinks<T>(int index)
    {
        EnsureReadable();
        return Realm.Backlinks<T>(this, Table.Schema.Properties[index]);
    }

    public override void IncrementCounter(int index, long delta)
    {
        EnsureReadable();
        Realm.EnsureInWriteTransaction(this);
        var column = Table.Column(index);
        Realm.IncrementColumn(this, column, delta);
        Realm.Recorder.CounterAdded(this, column.Property, delta);
    }

    private CollectionTableMap Collection(int index)
    {
        EnsureReadable();
        return Table.CollectionsByOrdinal[index]
            ?? throw new InvalidOperationException($"'{Table.ClassName}.{Table.Schema.Properties[index].Name}' is not a collection property.");
    }

    public override string ToString() => $"{Table.ClassName}[{(Identity.IsNull ? Key.ToString(System.Globalization.CultureInfo.InvariantCulture) : Identity.ToString())}] ({_state})";
}

/// <summary>The life of a managed object.</summary>
internal enum AccessorState
{
    /// <summary>Known by identity (reached through a link); its row is read on first access.</summary>
    Hollow,
    Loaded,
    Removed,
    /// <summary>Its realm was closed.</summary>
    Closed,
}

/// <summary>Operations the accessor needs from every managed collection.</summary>
internal interface IManagedCollection
{
    /// <summary>Replaces the whole content (Add with update, or copying an unmanaged object in).</summary>
    void ReplaceWith(System.Collections.IEnumerable items);
}

/// <summary>Conversions shared by inserts and updates.</summary>
internal static class ColumnValues
{
    public static DateTime Normalize(Property property, DateTime value) =>
        property.DateTimeKindPolicy == DateTimeKindPolicy.ConvertToUtc
            ? (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc))
            : value;

    public static (object Main, object Aux) Mixed(in RealmValue value) =>
        value.IsNull ? (DBNull.Value, DBNull.Value) : (ValueCodec.ToSqlite(value), (long)value.Type);
}
