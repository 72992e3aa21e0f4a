using System;
using System.Text;
using Microsoft.Data.Sqlite;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync;

public sealed partial class Realm
{
    /// <summary>Finds the object of type <typeparamref name="T"/> with a string primary key; null when there is none.</summary>
    public T? Find<T>(string? primaryKey)
        where T : class, IRealmObject => FindCore<T>(RealmValue.Create(primaryKey));

    /// <summary>Finds the object with an integer primary key (any width); null when there is none.</summary>
    public T? Find<T>(long? primaryKey)
        where T : class, IRealmObject => FindCore<T>(primaryKey);

    /// <summary>Finds the object with an ObjectId primary key; null when there is none.</summary>
    public T? Find<T>(ObjectId? primaryKey)
        where T : class, IRealmObject => FindCore<T>(primaryKey);

    /// <summary>Finds the object with a Guid primary key; null when there is none.</summary>
    public T? Find<T>(Guid? primaryKey)
        where T : class, IRealmObject => FindCore<T>(primaryKey);

    private T? FindCore<T>(RealmValue primaryKey)
        where T : class, IRealmObject
    {
        ThrowIfClosed();
        var state = ClassStateOf<T>();
        var pk = state.Table.PrimaryKey ?? throw new InvalidOperationException($"The class '{state.Table.ClassName}' has no primary key, so Find cannot be used. Query it with realm.All<{typeof(T).Name}>().Where(...).");
        if (primaryKey.IsNull)
        {
            return null;
        }

        if (state.TryGetByIdentity(primaryKey, out var cached) && cached.Accessor is ManagedAccessor { State: AccessorState.Loaded })
        {
            return (T)cached;
        }

        lock (Gate)
        {
            BeginRead();
            var statement = SelectByIdentity(state);
            try
            {
                statement.BindValue(1, primaryKey);
                return statement.Step() ? (T)Materialize(statement, state) : null;
            }
            finally
            {
                statement.Reset();
            }
        }
    }

    /// <summary>The object with row key <paramref name="key"/>, or null when the row does not exist in this realm's version.</summary>
    internal IRealmObjectBase? FindByKey(ClassState state, long key)
    {
        ThrowIfClosed();
        if (state.TryGetByKey(key, out var cached) && cached.Accessor is ManagedAccessor { State: AccessorState.Loaded })
        {
            return cached;
        }

        lock (Gate)
        {
            BeginRead();
            var statement = SelectByKey(state);
            try
            {
                statement.BindInt64(1, key);
                return statement.Step() ? Materialize(statement, state) : null;
            }
            finally
            {
                statement.Reset();
            }
        }
    }

    /// <summary>
    /// The live object for the row under <paramref name="reader"/> (a <see cref="TableMap.SelectList"/> row): the one
    /// in the identity map if there is one, else a new object filled from the row. Call under the gate.
    /// </summary>
    internal IRealmObjectBase Materialize(RawStatement reader, ClassState state)
    {
        var key = reader.GetInt64(0);
        if (state.TryGetByKey(key, out var existing) && existing.Accessor is ManagedAccessor { State: AccessorState.Loaded })
        {
            return existing;
        }

        var table = state.Table;
        var identity = table.PrimaryKey is { } pk ? ValueCodec.ReadIdentity(reader, pk.ReaderIndex, pk.Encoding) : (RealmValue)key;
        if (state.MayHaveHollows && state.TryGetByIdentity(identity, out var hollow) && hollow.Accessor is ManagedAccessor { State: AccessorState.Hollow } hollowAccessor)
        {
            hollowAccessor.Key = key;
            Fill(reader, hollowAccessor);
            state.Register(hollowAccessor, hollow);
            return hollow;
        }

        var obj = table.Schema.CreateInstance();
        var accessor = new ManagedAccessor(this, state, key, identity, AccessorState.Hollow) { Object = obj };
        obj.SetManagedAccessor(accessor);

        // Registered before its fields are read, so a link to itself resolves to this same object.
        state.Register(accessor, obj);
        Fill(reader, accessor);
        return obj;
    }

    private void Fill(RawStatement reader, ManagedAccessor accessor)
    {
        Reader.Position(reader, accessor.Table, accessor);
        accessor.Object.ReadProperties(Reader, raiseChanged: false);
        accessor.MarkLoaded();
    }

    /// <summary>The object a link points at: from the identity map, else a hollow object read on first use.</summary>
    internal IRealmObjectBase ResolveLink(TableMap target, in RealmValue identity)
    {
        var state = _classes[target.Id];
        if (state.TryGetByIdentity(identity, out var obj))
        {
            return obj;
        }

        var key = target.PrimaryKey is null ? identity.AsInt64() : -1;
        state.MayHaveHollows |= key < 0;
        var created = target.Schema.CreateInstance();
        var accessor = new ManagedAccessor(this, state, key, identity, AccessorState.Hollow) { Object = created };
        created.SetManagedAccessor(accessor);
        state.Register(accessor, created);
        return created;
    }

    /// <summary>An embedded object by row key, remembering its owner (changesets address it through the owner).</summary>
    internal IRealmObjectBase ResolveEmbedded(TableMap target, long key, ManagedAccessor owner, int ownerOrdinal)
    {
        var obj = ResolveLink(target, key);
        var accessor = (ManagedAccessor)obj.Accessor!;
        accessor.Owner = owner;
        accessor.OwnerOrdinal = ownerOrdinal;
        return obj;
    }

    /// <summary>Reads a hollow object's row (its first use after being reached through a link).</summary>
    internal void Load(ManagedAccessor accessor)
    {
        ThrowIfClosed();
        lock (Gate)
        {
            if (accessor.State != AccessorState.Hollow)
            {
                return;
            }

            BeginRead();
            var state = accessor.ClassState;
            RawStatement reader;
            if (accessor.Key >= 0)
            {
                reader = SelectByKey(state);
                reader.BindInt64(1, accessor.Key);
            }
            else
            {
                reader = SelectByIdentity(state);
                reader.BindValue(1, accessor.Identity);
            }

            try
            {
                if (!reader.Step())
                {
                    accessor.Invalidate(AccessorState.Removed);
                    state.Unregister(accessor);
                    throw new RealmInvalidObjectException($"The {state.Table.ClassName} object {accessor.Identity} this link points at no longer exists.");
                }

                accessor.Key = reader.GetInt64(0);
                Fill(reader, accessor);
                state.Register(accessor, accessor.Object);
            }
            finally
            {
                reader.Reset();
            }
        }
    }

    internal RawStatement SelectByKey(ClassState state) =>
        state.SelectByKey ??= new RawStatement(_connection, $"SELECT {state.Table.SelectList()} FROM {state.Table.QuotedName} WHERE {StorageLayout.Quote(StorageLayout.KeyColumn)} = $key");

    private RawStatement SelectByIdentity(ClassState state) =>
        state.SelectByIdentity ??= new RawStatement(_connection, $"SELECT {state.Table.SelectList()} FROM {state.Table.QuotedName} WHERE {state.Table.PrimaryKey!.QuotedName} = $id");

    /// <summary>Writes one column (and its auxiliary column) of a managed object's row.</summary>
    internal void UpdateColumn(ManagedAccessor accessor, ColumnMap column, object main, object? aux)
    {
        lock (Gate)
        {
            var state = accessor.ClassState;
            var ordinal = column.Property.Index;
            var statement = state.Update(ordinal);
            if (statement is null)
            {
                // Numbered parameters: ?1 key, ?2 value, ?3 auxiliary value (bound only when the column has one).
                var set = column.HasAux ? $"{column.QuotedName} = ?2, {column.QuotedAuxName} = ?3" : $"{column.QuotedName} = ?2";
                statement = new RawStatement(_connection, $"UPDATE {state.Table.QuotedName} SET {set} WHERE {StorageLayout.Quote(StorageLayout.KeyColumn)} = ?1");
                state.SetUpdate(ordinal, statement);
            }

            statement.BindInt64(1, accessor.Key);
            statement.Bind(2, main);
            if (column.HasAux)
            {
                statement.Bind(3, aux);
            }

            statement.Execute();
            NoteWrite();
        }
    }

    internal void IncrementColumn(ManagedAccessor accessor, ColumnMap column, long delta)
    {
        lock (Gate)
        {
            var state = accessor.ClassState;
            var command = state.CounterUpdate(column.Property.Index);
            if (command is null)
            {
                command = Prepare($"UPDATE {state.Table.QuotedName} SET {column.QuotedName} = coalesce({column.QuotedName}, 0) + $delta WHERE {StorageLayout.Quote(StorageLayout.KeyColumn)} = $key", "$key", "$delta");
                state.SetCounterUpdate(column.Property.Index, command);
            }

            command.Parameters[0].Value = accessor.Key;
            command.Parameters[1].Value = delta;
            command.ExecuteNonQuery();
            NoteWrite();
        }
    }

    /// <summary>Where an embedded object sits in its owner: the property, and for lists the index or dictionaries the key.</summary>
    internal PathElement PathElementOf(ManagedAccessor embedded)
    {
        var owner = embedded.Owner!;
        var property = owner.Table.Schema.Properties[embedded.OwnerOrdinal];
        if (property.Collection == CollectionKind.None)
        {
            return new PathElement(property.MappedName);
        }

        var side = owner.Table.CollectionsByOrdinal[property.Index]!;
        lock (Gate)
        {
            var column = property.Collection == CollectionKind.List ? "position" : "key";
            var command = Command($"SELECT {column} FROM {side.QuotedName} WHERE owner = $owner AND value = $value", "$owner", "$value");
            command.Parameters[0].Value = owner.Key;
            command.Parameters[1].Value = embedded.Key;
            var found = command.ExecuteScalar();
            return property.Collection == CollectionKind.List
                ? new PathElement(property.MappedName, Index: found is long index ? index : -1)
                : new PathElement(property.MappedName, Key: found as string ?? "");
        }
    }

    /// <summary>A prepared command owned by a <see cref="ClassState"/> (disposed with it).</summary>
    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    internal static string Describe(in RealmValue value) => value.Type == RealmValueType.String ? new StringBuilder().Append('\'').Append(value.AsString()).Append('\'').ToString() : value.ToString();
}
