using System;
using System.Runtime.InteropServices;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Objects;

/// <summary>How a <see cref="ColumnValue"/> binds.</summary>
internal enum ColumnKind : byte
{
    Null,
    Int,
    Double,
    Text,
    Blob,
    ObjectId,
    Guid,
}

/// <summary>
/// One column's value for an insert, in its stored form (docs/storage.md) without boxing: integers and doubles
/// inline, ObjectId and GUID bytes inline (no array per key), text and blobs by reference. Binds straight to a
/// <see cref="RawStatement"/>; <see cref="ToObject"/> gives the form a SqliteParameter takes.
/// </summary>
internal readonly struct ColumnValue
{
    private static readonly string s_nan = "NaN";

    private readonly object? _reference;
    private readonly long _bits;
    private readonly long _bits2;

    private ColumnValue(ColumnKind kind, long bits, long bits2 = 0, object? reference = null)
    {
        Kind = kind;
        _bits = bits;
        _bits2 = bits2;
        _reference = reference;
    }

    public ColumnKind Kind { get; }

    public static ColumnValue Null => default;

    public static ColumnValue Int(long value) => new(ColumnKind.Int, value);

    /// <summary>A double; NaN is stored as the text 'NaN' (see <see cref="ValueCodec.Double"/>).</summary>
    public static ColumnValue Double(double value) =>
        double.IsNaN(value) ? new(ColumnKind.Text, 0, 0, s_nan) : new(ColumnKind.Double, BitConverter.DoubleToInt64Bits(value));

    public static ColumnValue Text(string value) => new(ColumnKind.Text, 0, 0, value);

    public static ColumnValue Blob(byte[] value) => new(ColumnKind.Blob, 0, 0, value);

    public static ColumnValue Of(ObjectId value)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        value.WriteTo(bytes);
        return new(ColumnKind.ObjectId, MemoryMarshal.Read<long>(bytes), MemoryMarshal.Read<long>(bytes[8..]));
    }

    public static ColumnValue Of(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return new(ColumnKind.Guid, MemoryMarshal.Read<long>(bytes), MemoryMarshal.Read<long>(bytes[8..]));
    }

    /// <summary>A value already in the SQLite form <see cref="ValueCodec"/> produces (long, double, string, byte[], DBNull).</summary>
    public static ColumnValue FromObject(object? value) => value switch
    {
        null or DBNull => Null,
        long l => Int(l),
        int i => Int(i),
        double d => new(ColumnKind.Double, BitConverter.DoubleToInt64Bits(d)),
        string s => Text(s),
        byte[] b => Blob(b),
        _ => throw new NotSupportedException($"A {value.GetType().Name} cannot be stored in a column."),
    };

    public void BindTo(RawStatement statement, int index)
    {
        switch (Kind)
        {
            case ColumnKind.Null:
                statement.BindNull(index);
                break;
            case ColumnKind.Int:
                statement.BindInt64(index, _bits);
                break;
            case ColumnKind.Double:
                statement.BindDouble(index, BitConverter.Int64BitsToDouble(_bits));
                break;
            case ColumnKind.Text:
                statement.BindText(index, (string)_reference!);
                break;
            case ColumnKind.Blob:
                statement.BindBlob(index, (byte[])_reference!);
                break;
            default:
                Span<byte> bytes = stackalloc byte[16];
                MemoryMarshal.Write(bytes, in _bits);
                MemoryMarshal.Write(bytes[8..], in _bits2);
                statement.BindBlob(index, Kind == ColumnKind.ObjectId ? bytes[..ObjectId.ByteLength] : bytes);
                break;
        }
    }

    /// <summary>The value as a SqliteParameter takes it (long, double, string, byte[] or DBNull).</summary>
    public object ToObject()
    {
        switch (Kind)
        {
            case ColumnKind.Null:
                return DBNull.Value;
            case ColumnKind.Int:
                return _bits;
            case ColumnKind.Double:
                return BitConverter.Int64BitsToDouble(_bits);
            case ColumnKind.Text or ColumnKind.Blob:
                return _reference!;
            default:
                Span<byte> bytes = stackalloc byte[16];
                MemoryMarshal.Write(bytes, in _bits);
                MemoryMarshal.Write(bytes[8..], in _bits2);
                return (Kind == ColumnKind.ObjectId ? bytes[..ObjectId.ByteLength] : bytes).ToArray();
        }
    }
}
