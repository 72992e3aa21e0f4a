using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SourceGenSync.Internal;

namespace SourceGenSync.Generators.Tests.Behaviour;

/// <summary>Records every typed write as <c>Method(index, value)</c>, so tests can assert the exact calls.</summary>
internal class RecordingWriter : IRowWriter
{
    public List<string> Calls { get; } = [];

    protected void Record(string method, int index, object? value = null) =>
        Calls.Add(value is null ? $"{method}({index})" : string.Create(CultureInfo.InvariantCulture, $"{method}({index}, {Format(value)})"));

    private static string Format(object value) => value switch
    {
        System.Collections.IEnumerable sequence and not string and not byte[] => "[" + string.Join(", ", sequence.Cast<object?>().Select(v => v?.ToString())) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public void SetNull(int index) => Record(nameof(SetNull), index);

    public void SetBoolean(int index, bool value) => Record(nameof(SetBoolean), index, value);

    public void SetInt64(int index, long value) => Record(nameof(SetInt64), index, value);

    public void SetSingle(int index, float value) => Record(nameof(SetSingle), index, value);

    public void SetDouble(int index, double value) => Record(nameof(SetDouble), index, value);

    public void SetDecimal(int index, decimal value) => Record(nameof(SetDecimal), index, value);

    public void SetString(int index, string value) => Record(nameof(SetString), index, value);

    public void SetBytes(int index, byte[] value) => Record(nameof(SetBytes), index, value.Length);

    public void SetDateTimeOffset(int index, DateTimeOffset value) => Record(nameof(SetDateTimeOffset), index, value.ToString("O", CultureInfo.InvariantCulture));

    public void SetDateTime(int index, DateTime value) => Record(nameof(SetDateTime), index, value.Kind);

    public void SetGuid(int index, Guid value) => Record(nameof(SetGuid), index, value);

    public void SetObjectId(int index, ObjectId value) => Record(nameof(SetObjectId), index, value);

    public void SetRealmValue(int index, RealmValue value) => Record(nameof(SetRealmValue), index, value);

    public void SetObject(int index, IRealmObjectBase? value) => Record(nameof(SetObject), index, value is null ? "null" : value.ObjectSchema.Name);

    public void SetList<T>(int index, IEnumerable<T> items) => Record(nameof(SetList), index, items);

    public void SetSet<T>(int index, IEnumerable<T> items) => Record(nameof(SetSet), index, items);

    public void SetDictionary<T>(int index, IEnumerable<KeyValuePair<string, T>> items) => Record(nameof(SetDictionary), index, items.Select(p => $"{p.Key}={p.Value}"));
}

/// <summary>A managed object's accessor that records writes and hands out in-memory collections.</summary>
internal sealed class FakeAccessor : ObjectAccessor
{
    private readonly RecordingWriter _writes = new();
    private readonly Dictionary<int, object> _collections = [];

    public List<string> Calls => _writes.Calls;

    public int ReadChecks { get; private set; }

    public bool Valid { get; set; } = true;

    public override bool IsValid => Valid;

    public override void EnsureReadable() => ReadChecks++;

    public override void SetNull(int index) => _writes.SetNull(index);

    public override void SetBoolean(int index, bool value) => _writes.SetBoolean(index, value);

    public override void SetInt64(int index, long value) => _writes.SetInt64(index, value);

    public override void SetSingle(int index, float value) => _writes.SetSingle(index, value);

    public override void SetDouble(int index, double value) => _writes.SetDouble(index, value);

    public override void SetDecimal(int index, decimal value) => _writes.SetDecimal(index, value);

    public override void SetString(int index, string value) => _writes.SetString(index, value);

    public override void SetBytes(int index, byte[] value) => _writes.SetBytes(index, value);

    public override void SetDateTimeOffset(int index, DateTimeOffset value) => _writes.SetDateTimeOffset(index, value);

    public override void SetDateTime(int index, DateTime value) => _writes.SetDateTime(index, value);

    public override void SetGuid(int index, Guid value) => _writes.SetGuid(index, value);

    public override void SetObjectId(int index, ObjectId value) => _writes.SetObjectId(index, value);

    public override void SetRealmValue(int index, RealmValue value) => _writes.SetRealmValue(index, value);

    public override void SetObject(int index, IRealmObjectBase? value) => _writes.SetObject(index, value);

    public override void SetList<T>(int index, IEnumerable<T> items) => _writes.SetList(index, items);

    public override void SetSet<T>(int index, IEnumerable<T> items) => _writes.SetSet(index, items);

    public override void SetDictionary<T>(int index, IEnumerable<KeyValuePair<string, T>> items) => _writes.SetDictionary(index, items);

    public override IList<T> GetList<T>(int index) => (IList<T>)Collection(index, () => new List<T>());

    public override ISet<T> GetSet<T>(int index) => (ISet<T>)Collection(index, () => new HashSet<T>());

    public override IDictionary<string, T> GetDictionary<T>(int index) => (IDictionary<string, T>)Collection(index, () => new Dictionary<string, T>());

    public override IQueryable<T> GetBacklinks<T>(int index) => (IQueryable<T>)Collection(index, () => new List<T>().AsQueryable());

    public override void IncrementCounter(int index, long delta) => Calls.Add($"IncrementCounter({index}, {delta})");

    private object Collection(int index, Func<object> create)
    {
        Calls.Add($"Get({index})");
        if (!_collections.TryGetValue(index, out var collection))
        {
            _collections[index] = collection = create();
        }

        return collection;
    }
}

/// <summary>A row as a dictionary from ordinal to value; a missing ordinal reads as null.</summary>
internal sealed class DictionaryReader(Dictionary<int, object?> values) : IRowReader
{
    private object Value(int index) => values[index] ?? throw new InvalidOperationException($"Column {index} is null.");

    public bool IsNull(int index) => !values.TryGetValue(index, out var value) || value is null;

    public bool GetBoolean(int index) => (bool)Value(index);

    public long GetInt64(int index) => (long)Value(index);

    public float GetSingle(int index) => (float)Value(index);

    public double GetDouble(int index) => (double)Value(index);

    public decimal GetDecimal(int index) => (decimal)Value(index);

    public string GetString(int index) => (string)Value(index);

    public byte[] GetBytes(int index) => (byte[])Value(index);

    public DateTimeOffset GetDateTimeOffset(int index) => (DateTimeOffset)Value(index);

    public DateTime GetDateTime(int index) => (DateTime)Value(index);

    public Guid GetGuid(int index) => (Guid)Value(index);

    public ObjectId GetObjectId(int index) => (ObjectId)Value(index);

    public RealmValue GetRealmValue(int index) => (RealmValue)Value(index);

    public T? GetObject<T>(int index)
        where T : class, IRealmObjectBase => values.TryGetValue(index, out var value) ? (T?)value : null;
}
