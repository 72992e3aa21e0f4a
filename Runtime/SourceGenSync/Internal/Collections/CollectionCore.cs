using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Internal.Transactions;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Collections;

/// <summary>What a collection's elements are: plain values, links to top-level objects, or embedded objects it owns.</summary>
internal enum ElementKind
{
    Primitive,
    Link,
    Embedded,
}

/// <summary>
/// What lists, sets and dictionaries share over their side table (<see cref="CollectionTableMap"/>): reading the
/// elements (cached per realm generation), turning an item into its stored form and changeset payload, the
/// checks every read and write makes, and SQL helpers that run under the realm's gate.
/// </summary>
internal sealed class CollectionCore<T>
{
    private static readonly string[][] s_names = [[], ["$p0"], ["$p0", "$p1"], ["$p0", "$p1", "$p2"], ["$p0", "$p1", "$p2", "$p3"], ["$p0", "$p1", "$p2", "$p3", "$p4"]];
    private readonly string _selectRows;
    private CollectionRows<T>? _rows;
    private (long Generation, int Count) _count = (-1, 0);

    public CollectionCore(Realm realm, ManagedAccessor owner, CollectionTableMap map)
    {
        Realm = realm;
        Owner = owner;
        Map = map;
        Kind = map.Encoding switch
        {
            ValueEncoding.Link => ElementKind.Link,
            ValueEncoding.Embedded => ElementKind.Embedded,
            _ => ElementKind.Primitive,
        };

        if (Kind == ElementKind.Primitive ? !PrimitiveElement<T>.IsSupported : !typeof(IRealmObjectBase).IsAssignableFrom(typeof(T)))
        {
            throw new NotSupportedException($"'{map.OwnerClass}.{map.Property.Name}' holds {map.Property.Type} elements, which cannot be read as {typeof(T).Name}.");
        }

        var order = map.Kind switch
        {
            CollectionKind.List => "s.position",
            CollectionKind.Set => "s.rowid",
            _ => "s.key",
        };
        var aux = map.HasAux ? "s.aux" : "NULL";
        var key = map.Kind == CollectionKind.Dictionary ? "s.key" : "NULL";
        var (targetKey, join) = Kind switch
        {
            ElementKind.Link => ("t." + StorageLayout.Quote(StorageLayout.KeyColumn), $" LEFT JOIN {map.Target!.QuotedName} t ON t.{map.Target.QuotedIdentityColumn} = s.value"),
            ElementKind.Embedded => ("s.value", ""),
            _ => ("NULL", ""),
        };
        _selectRows = $"SELECT s.rowid, s.value, {aux}, {key}, {targetKey} FROM {map.QuotedName} s{join} WHERE s.owner = $p0 ORDER BY {order}";
    }

    public Realm Realm { get; }

    public ManagedAccessor Owner { get; }

    public CollectionTableMap Map { get; }

    public Property Property => Map.Property;

    public ElementKind Kind { get; }

    public string Field => Map.Property.MappedName;

    /// <summary>The quoted side table name.</summary>
    public string Table => Map.QuotedName;

    /// <summary>Whether elements have an <c>aux</c> column (dates, DateTime kinds, mixed value types) next to <c>value</c>.</summary>
    public bool HasAux => Map.HasAux;

    /// <summary>False once the owner was removed or the realm closed.</summary>
    public bool IsValid => Owner.IsValid;

    /// <summary>The id of the table whose row changes count as element modifications (objects), or -1.</summary>
    public int TargetTableId => Map.Target?.Id ?? -1;

    /// <summary>Before every read: the owner must still exist (a removed owner throws <see cref="RealmInvalidObjectException"/>).</summary>
    public void EnsureReadable() => Owner.EnsureReadable();

    /// <summary>Before every write: a write transaction, then a readable owner.</summary>
    public void BeginWrite()
    {
        Realm.EnsureInWriteTransaction(Owner);
        Owner.EnsureReadable();
    }

    /// <summary>Records an instruction on the owner (embedded owners are addressed by their path, read at this moment).</summary>
    public void Record(Func<ObjectRef, Instruction> instruction) =>
        Realm.Recorder.Collection(Owner, instruction(ChangeRecorder.RefOf(Owner)));

    /// <summary>The elements at the realm's current generation.</summary>
    public CollectionRows<T> Rows()
    {
        EnsureReadable();
        if (_rows is { } cached && cached.Generation == Realm.Generation)
        {
            return cached;
        }

        var rows = ReadRows();
        _rows = rows;
        return rows;
    }

    /// <summary>The elements for a notification: empty (rather than an exception) once the owner is gone.</summary>
    public CollectionRows<T>? RowsOrNull()
    {
        if (!Owner.IsValid)
        {
            return null;
        }

        try
        {
            return Rows();
        }
        catch (RealmInvalidObjectException)
        {
            return null;
        }
    }

    public int Count()
    {
        EnsureReadable();
        var generation = Realm.Generation;
        if (_rows is { } cached && cached.Generation == generation)
        {
            return cached.Count;
        }

        var known = _count;
        if (known.Generation == generation)
        {
            return known.Count;
        }

        return checked((int)(long)Scalar($"SELECT count(*) FROM {Table} WHERE owner = $p0", Owner.Key)!);
    }

    /// <summary>
    /// Remembers the count a write just produced (valid until anything else is written), so a loop of Adds does
    /// not count the side table each time.
    /// </summary>
    public void CountIs(int count) => _count = (Realm.Generation, count);

    private CollectionRows<T> ReadRows()
    {
        var rowIds = new List<long>();
        var values = new List<RealmValue>();
        var targetKeys = Kind == ElementKind.Primitive ? null : new List<long>();
        var keys = Map.Kind == CollectionKind.Dictionary ? new List<string>() : null;
        var items = new List<T>();
        long generation;
        lock (Realm.Gate)
        {
            Realm.ThrowIfClosed();
            Realm.BeginRead();
            generation = Realm.Generation;
            var command = Realm.Command(_selectRows, "$p0");
            command.Parameters[0].Value = Owner.Key;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rowIds.Add(reader.GetInt64(0));
                var value = ReadValue(reader);
                values.Add(value);
                keys?.Add(reader.GetString(3));
                targetKeys?.Add(reader.IsDBNull(4) ? -1 : reader.GetInt64(4));
                items.Add(Materialize(value));
            }
        }

        return new CollectionRows<T>(generation, [.. rowIds], [.. values], targetKeys?.ToArray(), keys?.ToArray(), [.. items]);
    }

    private RealmValue ReadValue(SqliteDataReader reader) => Kind switch
    {
        ElementKind.Link => ValueCodec.ReadIdentity(reader, 1, Map.Target!.IdentityEncoding),
        ElementKind.Embedded => reader.IsDBNull(1) ? RealmValue.Null : reader.GetInt64(1),
        _ => StoredValues.Read(reader, 1, 2, Map.Encoding),
    };

    /// <summary>The element a stored value stands for (objects through the identity map; call under the gate).</summary>
    private T Materialize(in RealmValue value)
    {
        switch (Kind)
        {
            case ElementKind.Link:
                return value.IsNull ? default! : (T)Realm.ResolveLink(Map.Target!, value);
            case ElementKind.Embedded:
                return value.IsNull ? default! : (T)Realm.ResolveEmbedded(Map.Target!, value.AsInt64(), Owner, Property.Index);
            default:
                return PrimitiveElement<T>.FromValue(value);
        }
    }

    /// <summary>
    /// Turns an item into what gets written. Writes may happen here: an unmanaged link target is added to the
    /// realm, and an embedded object's row is inserted (it becomes managed once its side-table row exists, through
    /// <see cref="FinishEmbedded"/>).
    /// </summary>
    public StoredItem Prepare(T item)
    {
        if (item is null && !(Kind == ElementKind.Primitive ? Property.IsNullable || typeof(T) == typeof(RealmValue) : Map.Kind == CollectionKind.Dictionary))
        {
            throw new ArgumentNullException(nameof(item), $"'{Map.OwnerClass}.{Property.Name}' cannot hold null elements.");
        }

        switch (Kind)
        {
            case ElementKind.Link:
                if (item is null)
                {
                    return new StoredItem(DBNull.Value, DBNull.Value, Payload.Of(RealmValue.Null), RealmValue.Null, null);
                }

                var target = Realm.EnsureManagedLinkTarget((IRealmObjectBase)item, Map.Target!);
                return new StoredItem(ValueCodec.IdentityToSqlite(target.Identity), DBNull.Value, Payload.Link(Map.Target!.ClassName, target.Identity), target.Identity, null);
            case ElementKind.Embedded:
                if (item is null)
                {
                    return new StoredItem(DBNull.Value, DBNull.Value, Payload.Of(RealmValue.Null), RealmValue.Null, null);
                }

                var pending = Realm.InsertEmbeddedRow((IRealmObjectBase)item, Map.Target!, Property.Index, Property);
                return new StoredItem(pending.Key, DBNull.Value, Payload.NewEmbedded, pending.Key, pending);
            default:
                var value = PrimitiveElement<T>.ToValue(item, Property);
                var (main, aux) = StoredValues.ToStored(value, Map.Encoding);
                return new StoredItem(main, aux, Payload.Of(value), value, null);
        }
    }

    /// <summary>The stored form of an item, without writing anything; false for objects that cannot be in the collection (unmanaged, other realm).</summary>
    public bool TryLookup(T item, out StoredItem stored)
    {
        if (Kind == ElementKind.Primitive)
        {
            var value = PrimitiveElement<T>.ToValue(item, Property);
            var (main, aux) = StoredValues.ToStored(value, Map.Encoding);
            stored = new StoredItem(main, aux, Payload.Of(value), value, null);
            return true;
        }

        if (item is null)
        {
            stored = new StoredItem(DBNull.Value, DBNull.Value, Payload.Of(RealmValue.Null), RealmValue.Null, null);
            return Map.Kind == CollectionKind.Dictionary;
        }

        if (((IRealmObjectBase)item).Accessor is not ManagedAccessor accessor || !ReferenceEquals(accessor.Realm, Realm) || !accessor.IsValid || accessor.Table != Map.Target)
        {
            stored = default;
            return false;
        }

        if (Kind == ElementKind.Link)
        {
            stored = new StoredItem(ValueCodec.IdentityToSqlite(accessor.Identity), DBNull.Value, Payload.Link(Map.Target!.ClassName, accessor.Identity), accessor.Identity, null);
            return true;
        }

        stored = new StoredItem(accessor.Key, DBNull.Value, Payload.NewEmbedded, accessor.Key, null);
        return accessor.Key >= 0;
    }

    /// <summary>The payload that re-creates an element already stored (moves record erase + insert).</summary>
    public Payload PayloadOf(in RealmValue value) =>
        Kind == ElementKind.Link && !value.IsNull ? Payload.Link(Map.Target!.ClassName, value) : Payload.Of(value);

    /// <summary>Makes an embedded element managed once its side-table row exists (records its fields under the owner's path).</summary>
    public void FinishEmbedded(in StoredItem stored)
    {
        if (stored.Pending is { } pending)
        {
            Realm.MakeEmbeddedManaged(Owner, pending);
        }
    }

    /// <summary>Deletes the rows of embedded elements that left the collection.</summary>
    public void DeleteEmbedded(IEnumerable<long> keys)
    {
        foreach (var key in keys)
        {
            Realm.DeleteEmbeddedRow(Map.Target!, key);
        }
    }

    /// <summary>The condition matching an element's stored value (mixed values compare their type too).</summary>
    public string ValueMatch(string valueParameter, string auxParameter) =>
        Map.Encoding == ValueEncoding.Mixed ? $"value IS {valueParameter} AND aux IS {auxParameter}" : $"value IS {valueParameter}";

    /// <summary>Runs a statement that changes the side table; parameters are <c>$p0</c>, <c>$p1</c>... in order.</summary>
    public int Execute(string sql, params object[] values)
    {
        lock (Realm.Gate)
        {
            var affected = Bind(sql, values).ExecuteNonQuery();
            Realm.NoteWrite();
            return affected;
        }
    }

    public object? Scalar(string sql, params object[] values)
    {
        lock (Realm.Gate)
        {
            Realm.ThrowIfClosed();
            Realm.BeginRead();
            var result = Bind(sql, values).ExecuteScalar();
            return result is DBNull ? null : result;
        }
    }

    private SqliteCommand Bind(string sql, object[] values)
    {
        var command = Realm.Command(sql, ParameterNames(values.Length));
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command;
    }

    private static string[] ParameterNames(int count) => s_names[count];
}
