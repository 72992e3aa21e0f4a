using System;
using System.Collections.Generic;
using SourceGenSync.Internal;

namespace SourceGenSync.Runtime.Tests.Managed;

/// <summary>A row held as ordinal → value, read back through the typed <see cref="IRowReader"/> getters.</summary>
public sealed class TestRowReader : IRowReader
{
    private readonly Dictionary<int, object?> _values;

    public TestRowReader(Dictionary<int, object?> values) => _values = values;

    /// <summary>Ordinals the generated code asked for, in order.</summary>
    public List<int> Reads { get; } = [];

    public bool IsNull(int index) => Value(index) is null;

    public bool GetBoolean(int index) => (bool)Value(index)!;

    public long GetInt64(int index) => (long)Value(index)!;

    public float GetSingle(int index) => (float)Value(index)!;

    public double GetDouble(int index) => (double)Value(index)!;

    public decimal GetDecimal(int index) => (decimal)Value(index)!;

    public string GetString(int index) => (string)Value(index)!;

    public byte[] GetBytes(int index) => (byte[])Value(index)!;

    public DateTimeOffset GetDateTimeOffset(int index) => (DateTimeOffset)Value(index)!;

    public DateTime GetDateTime(int index) => (DateTime)Value(index)!;

    public Guid GetGuid(int index) => (Guid)Value(index)!;

    public ObjectId GetObjectId(int index) => (ObjectId)Value(index)!;

    public RealmValue GetRealmValue(int index) => Value(index) is RealmValue value ? value : RealmValue.Null;

    public T? GetObject<T>(int index)
        where T : class, IRealmObjectBase => (T?)Value(index);

    private object? Value(int index)
    {
        Reads.Add(index);
        return _values.TryGetValue(index, out var value)
            ? value
            : throw new KeyNotFoundException($"The test row has no value for ordinal {index}.");
    }
}
