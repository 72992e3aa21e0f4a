using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Internal.Migrations;
using SourceGenSync.Schema;

namespace SourceGenSync;

/// <summary>
/// An object as the file stored it before the migration (from <see cref="Migration.OldObjects"/>): its values by
/// stored property name (the [MapTo] name where there is one), decoded with the old schema's types. Read-only;
/// change the new object, found with <see cref="Migration.FindInNewRealm{T}"/>.
/// </summary>
public sealed class MigrationObject
{
    private readonly MigrationSession _session;
    private readonly OldClass _class;
    private readonly object?[] _values;

    internal MigrationObject(MigrationSession session, OldClass oldClass, long key, object?[] values)
    {
        _session = session;
        _class = oldClass;
        Key = key;
        _values = values;
    }

    /// <summary>The stored class name.</summary>
    public string ClassName => _class.Name;

    /// <summary>The row key: the same object in the new schema has the same one.</summary>
    public long Key { get; }

    /// <summary>The old primary key value; Null when the old class had none.</summary>
    public RealmValue PrimaryKey => _class.PrimaryKey is { } pk ? OldValues.ToRealmValue(_values[pk.Ordinal]) : RealmValue.Null;

    /// <summary>
    /// A property's old value: scalars as themselves (DateTime as a date), links as the target's identity (its
    /// primary key, or row key), embedded objects as their row key. Collections: use <see cref="GetList"/> and
    /// <see cref="GetDictionary"/>.
    /// </summary>
    public RealmValue this[string propertyName] => OldValues.ToRealmValue(Value(propertyName));

    /// <summary>True when the old class had a property with this stored name.</summary>
    public bool HasProperty(string propertyName) => _class.Find(propertyName) is not null;

    /// <summary>A property's old value as <typeparamref name="T"/> (the stored type, another numeric type, an enum, or a string).</summary>
    public T Get<T>(string propertyName) => OldValues.Convert<T>(Value(propertyName), $"'{ClassName}.{propertyName}'");

    /// <summary>The old elements of a list or set property, in order.</summary>
    public IReadOnlyList<RealmValue> GetList(string propertyName)
    {
        var collection = Collection(propertyName, CollectionKind.List, CollectionKind.Set);
        return _session.ReadCollection(_class, collection, Key).Select(static e => OldValues.ToRealmValue(e.Value)).ToList();
    }

    /// <summary>The old entries of a dictionary property.</summary>
    public IReadOnlyDictionary<string, RealmValue> GetDictionary(string propertyName)
    {
        var collection = Collection(propertyName, CollectionKind.Dictionary, CollectionKind.Dictionary);
        return _session.ReadCollection(_class, collection, Key).ToDictionary(static e => e.Key!, static e => OldValues.ToRealmValue(e.Value), StringComparer.Ordinal);
    }

    public override string ToString() => $"{ClassName} {(PrimaryKey.IsNull ? Key.ToString(System.Globalization.CultureInfo.InvariantCulture) : PrimaryKey.ToString())} (old schema)";

    private object? Value(string propertyName)
    {
        var column = Find(propertyName);
        return column.Property.Collection == CollectionKind.None
            ? _values[column.Ordinal]
            : throw new InvalidOperationException($"'{ClassName}.{propertyName}' is a {column.Property.Collection.ToString().ToLowerInvariant()}: read it with {(column.Property.Collection == CollectionKind.Dictionary ? nameof(GetDictionary) : nameof(GetList))}.");
    }

    private OldColumn Collection(string propertyName, CollectionKind kind, CollectionKind otherKind)
    {
        var column = Find(propertyName);
        return column.Property.Collection == kind || column.Property.Collection == otherKind
            ? column
            : throw new InvalidOperationException($"'{ClassName}.{propertyName}' was stored as {column.Property.Describe()}, not a {kind.ToString().ToLowerInvariant()}.");
    }

    private OldColumn Find(string propertyName)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        return _class.Find(propertyName) ?? throw new ArgumentException(
            $"The old '{ClassName}' has no property '{propertyName}' (stored properties: {string.Join(", ", _class.Stored.Properties.Select(static p => p.Name))}). Use stored names ([MapTo] where given).",
            nameof(propertyName));
    }
}
