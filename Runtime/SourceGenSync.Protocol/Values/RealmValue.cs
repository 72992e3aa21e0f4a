using System;
using System.Buffers.Binary;
using System.Globalization;

namespace SourceGenSync;

/// <summary>
/// A value of any storable type ("mixed"). Primitives are held in two 64-bit slots and references in one object
/// slot, so building and reading a RealmValue never boxes: query arguments, mixed properties and changesets all
/// carry values this way.
/// </summary>
public readonly struct RealmValue : IEquatable<RealmValue>
{
    private readonly long _bits;
    private readonly long _bits2;
    private readonly object? _reference;

    private RealmValue(RealmValueType type, long bits, long bits2, object? reference)
    {
        Type = type;
        _bits = bits;
        _bits2 = bits2;
        _reference = reference;
    }

    public RealmValueType Type { get; }

    public static RealmValue Null => default;

    public bool IsNull => Type == RealmValueType.Null;

    public static RealmValue Create(long value) => new(RealmValueType.Int, value, 0, null);

    public static RealmValue Create(bool value) => new(RealmValueType.Bool, value ? 1 : 0, 0, null);

    public static RealmValue Create(float value) => new(RealmValueType.Float, BitConverter.SingleToInt32Bits(value), 0, null);

    public static RealmValue Create(double value) => new(RealmValueType.Double, BitConverter.DoubleToInt64Bits(value), 0, null);

    public static RealmValue Create(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        return new(RealmValueType.Decimal, ((long)parts[1] << 32) | (uint)parts[0], ((long)parts[3] << 32) | (uint)parts[2], null);
    }

    public static RealmValue Create(DateTimeOffset value) =>
        new(RealmValueType.Date, value.UtcTicks, (long)value.Offset.TotalMinutes, null);

    public static RealmValue Create(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        return new(RealmValueType.Guid, BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]), null);
    }

    public static RealmValue Create(ObjectId value)
    {
        Span<byte> bytes = stackalloc byte[12];
        value.WriteTo(bytes);
        return new(RealmValueType.ObjectId, BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt32BigEndian(bytes[8..]), null);
    }

    public static RealmValue Create(string? value) => value is null ? Null : new(RealmValueType.String, 0, 0, value);

    public static RealmValue Create(byte[]? value) => value is null ? Null : new(RealmValueType.Data, 0, 0, value);

    /// <summary>A link to an object (a managed or unmanaged model instance); the runtime gives it meaning.</summary>
    public static RealmValue CreateObject(object? value) => value is null ? Null : new(RealmValueType.Object, 0, 0, value);

    public long AsInt64() => Type == RealmValueType.Int ? _bits : throw WrongType(RealmValueType.Int);

    public bool AsBool() => Type == RealmValueType.Bool ? _bits != 0 : throw WrongType(RealmValueType.Bool);

    public float AsFloat() => Type == RealmValueType.Float ? BitConverter.Int32BitsToSingle((int)_bits) : throw WrongType(RealmValueType.Float);

    public double AsDouble() => Type == RealmValueType.Double ? BitConverter.Int64BitsToDouble(_bits) : throw WrongType(RealmValueType.Double);

    public decimal AsDecimal()
    {
        if (Type != RealmValueType.Decimal)
        {
            throw WrongType(RealmValueType.Decimal);
        }

        ReadOnlySpan<int> parts = [(int)_bits, (int)(_bits >> 32), (int)_bits2, (int)(_bits2 >> 32)];
        return new decimal(parts);
    }

    public DateTimeOffset AsDate()
    {
        if (Type != RealmValueType.Date)
        {
            throw WrongType(RealmValueType.Date);
        }

        var offset = TimeSpan.FromMinutes(_bits2);
        return new DateTimeOffset(_bits + offset.Ticks, offset);
    }

    public Guid AsGuid()
    {
        if (Type != RealmValueType.Guid)
        {
            throw WrongType(RealmValueType.Guid);
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, _bits);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], _bits2);
        return new Guid(bytes);
    }

    public ObjectId AsObjectId()
    {
        if (Type != RealmValueType.ObjectId)
        {
            throw WrongType(RealmValueType.ObjectId);
        }

        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteInt64BigEndian(bytes, _bits);
        BinaryPrimitives.WriteInt32BigEndian(bytes[8..], (int)_bits2);
        return new ObjectId(bytes);
    }

    public string AsString() => Type == RealmValueType.String ? (string)_reference! : throw WrongType(RealmValueType.String);

    public byte[] AsData() => Type == RealmValueType.Data ? (byte[])_reference! : throw WrongType(RealmValueType.Data);

    public object AsObject() => Type == RealmValueType.Object ? _reference! : throw WrongType(RealmValueType.Object);

    public static implicit operator RealmValue(long value) => Create(value);

    public static implicit operator RealmValue(bool value) => Create(value);

    public static implicit operator RealmValue(float value) => Create(value);

    public static implicit operator RealmValue(double value) => Create(value);

    public static implicit operator RealmValue(decimal value) => Create(value);

    public static implicit operator RealmValue(DateTimeOffset value) => Create(value);

    public static implicit operator RealmValue(Guid value) => Create(value);

    public static implicit operator RealmValue(ObjectId value) => Create(value);

    public static implicit operator RealmValue(string? value) => Create(value);

    public static implicit operator RealmValue(byte[]? value) => Create(value);

    public static implicit operator RealmValue(long? value) => value.HasValue ? Create(value.Value) : Null;

    public static implicit operator RealmValue(bool? value) => value.HasValue ? Create(value.Value) : Null;

    public static implicit operator RealmValue(float? value) => value.HasValue ? Create(value.Value) : Null;

    public static implicit operator RealmValue(double? value) => value.HasValue ? Create(value.Value) : Null;

    public static implicit operator RealmValue(decimal? value) => value.HasValue ? Create(value.Value) : Null;

    public static implicit operator RealmValue(DateTimeOffset? value) => value.HasValue ? Create(value.Value) : Null;

    public static implicit operator RealmValue(Guid? value) => value.HasValue ? Create(value.Value) : Null;

    public static implicit operator RealmValue(ObjectId? value) => value.HasValue ? Create(value.Value) : Null;

    public bool Equals(RealmValue other)
    {
        if (Type != other.Type)
        {
            return false;
        }

        return Type switch
        {
            RealmValueType.Null => true,
            RealmValueType.String => string.Equals((string?)_reference, (string?)other._reference, StringComparison.Ordinal),
            RealmValueType.Data => ((byte[])_reference!).AsSpan().SequenceEqual((byte[])other._reference!),
            RealmValueType.Object => ReferenceEquals(_reference, other._reference),
            RealmValueType.Decimal => AsDecimal() == other.AsDecimal(),
            RealmValueType.Date => _bits == other._bits,
            _ => _bits == other._bits && _bits2 == other._bits2,
        };
    }

    public override bool Equals(object? obj) => obj is RealmValue other && Equals(other);

    public override int GetHashCode() => Type switch
    {
        RealmValueType.String => StringComparer.Ordinal.GetHashCode((string)_reference!),
        RealmValueType.Data => ((byte[])_reference!).Length,
        RealmValueType.Object => _reference!.GetHashCode(),
        RealmValueType.Decimal => AsDecimal().GetHashCode(),
        RealmValueType.Date => _bits.GetHashCode(),
        _ => HashCode.Combine(Type, _bits, _bits2),
    };

    public static bool operator ==(RealmValue left, RealmValue right) => left.Equals(right);

    public static bool operator !=(RealmValue left, RealmValue right) => !left.Equals(right);

    /// <summary>An invariant, unambiguous text for logs and the query text form.</summary>
    public override string ToString() => Type switch
    {
        RealmValueType.Null => "null",
        RealmValueType.Int => _bits.ToString(CultureInfo.InvariantCulture),
        RealmValueType.Bool => _bits != 0 ? "true" : "false",
        RealmValueType.String => (string)_reference!,
        RealmValueType.Data => Convert.ToBase64String((byte[])_reference!),
        RealmValueType.Date => AsDate().ToString("O", CultureInfo.InvariantCulture),
        RealmValueType.Float => AsFloat().ToString("R", CultureInfo.InvariantCulture),
        RealmValueType.Double => AsDouble().ToString("R", CultureInfo.InvariantCulture),
        RealmValueType.Decimal => AsDecimal().ToString(CultureInfo.InvariantCulture),
        RealmValueType.ObjectId => AsObjectId().ToString(),
        RealmValueType.Guid => AsGuid().ToString(),
        RealmValueType.Object => _reference!.ToString() ?? "object",
        _ => Type.ToString(),
    };

    private InvalidCastException WrongType(RealmValueType requested) =>
        new($"This RealmValue holds a value of type {Type}, not {requested}. Check RealmValue.Type before reading it.");
}
