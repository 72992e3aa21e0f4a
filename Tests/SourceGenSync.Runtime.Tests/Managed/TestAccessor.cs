using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Internal;

namespace SourceGenSync.Runtime.Tests.Managed;

/// <summary>One typed write the generated code made: the method, the property ordinal and the value.</summary>
public sealed record AccessorCall(string Method, int Index, object? Value);

/// <summary>
/// A minimal in-memory stand-in for the local store's accessor: it records every typed write, counts read checks,
/// and hands out ordinary collections per ordinal, so tests can see exactly what generated code asks of a store.
/// </summary>
public sealed class TestAccessor : ObjectAccessor
{
    private readonly Dictionary<int, object> _collections = [];

    public List<AccessorCall> Calls { get; } = [];

    public int ReadChecks { get; private set; }

    public bool Valid { get; set; } = true;

    public override bool IsValid => Valid;

    public override void EnsureReadable()
    {
        ReadChecks++;
        if (!Valid)
        {
            throw new InvalidOperationException("The object was removed (test accessor).");
        }
    }

    public AccessorCall Single(string method) => Assert.Single(Calls, c => c.Method == method);

    public override void SetNull(int index) => Record(nameof(SetNull), index, null);

    public override void SetBoolean(int index, bool value) => Record(nameof(SetBoolean), index, value);

    public override void SetInt64(int index, long value) => Record(nameof(SetInt64), index, value);

    public override void SetSingle(int index, float value) => Record(nameof(SetSingle), index, value);

    public override void SetDouble(int index, double value) => Record(nameof(SetDouble), index, value);

    public override void SetDecimal(int index, decimal value) => Record(nameof(SetDecimal), index, value);

    public override void SetString(int index, string value) => Record(nameof(SetString), index, value);

    public override void SetBytes(int index, byte[] value) => Record(nameof(SetBytes), index, value);

    public override void SetDateTimeOffset(int index, DateTimeOffset value) => Record(nameof(SetDateTimeOffset), index, value);

    public override void SetDateTime(int index, DateTime value) => Record(nameof(SetDateTime), index, value);

    public override void SetGuid(int index, Guid value) => Record(nameof(SetGuid), index, value);

    public override void SetObjectId(int index, ObjectId value) => Record(nameof(SetObjectId), index, value);

    public override void SetRealmValue(int index, RealmValue value) => Record(nameof(SetRealmValue), index, value);

    public override void SetObject(int index, IRealmObjectBase? value) => Record(nameof(SetObject), index, value);

    public override void SetList<T>(int index, IEnumerable<T> items) => Record(nameof(SetList), index, items.ToList());

    public override void SetSet<T>(int index, IEnumerable<T> items) => Record(nameof(SetSet), index, items.ToList());

    public override void SetDictionary<T>(int index, IEnumerable<KeyValuePair<string, T>> items) =>
        Record(nameof(SetDictionary), index, items.ToDictionary(static p => p.Key, static p => p.Value));

    public override IList<T> GetList<T>(int index) => Collection(index, static () => new List<T>());

    public override ISet<T> GetSet<T>(int index) => Collection(index, static () => new HashSet<T>());

    public override IDictionary<string, T> GetDictionary<T>(int index) => Collection(index, static () => new Dictionary<string, T>());

    public override IQueryable<T> GetBacklinks<T>(int index)
    {
        Record(nameof(GetBacklinks), index, null);
        return Collection(index, static () => new List<T>()).AsQueryable();
    }

    public override void IncrementCounter(int index, long delta) => Record(nameof(IncrementCounter), index, delta);

    /// <summary>The collection handed out for an ordinal (the same instance on every call, like a live collection).</summary>
    public TCollection Collection<TCollection>(int index, Func<TCollection> create)
        where TCollection : class
    {
        if (!_collections.TryGetValue(index, out var collection))
        {
            collection = create();
            _collections[index] = collection;
        }

        return (TCollection)collection;
    }

    private void Record(string method, int index, object? value) => Calls.Add(new AccessorCall(method, index, value));
}
