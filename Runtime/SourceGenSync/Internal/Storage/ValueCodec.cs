using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SourceGenSync.Internal.Storage;

/// <summary>
/// Converts values between their .NET form and their SQLite form (docs/storage.md, "Value encodings"). One place,
/// used by the object store, the query compiler (arguments) and change application, so a value written one way is
/// always compared and read back the same way.
/// </summary>
internal static class ValueCodec
{
    private static readonly object s_zero = 0L;
    private static readonly object s_one = 1L;

    public static object Bool(bool value) => value ? s_one : s_zero;

    private static readonly object s_nan = "NaN";

    /// <summary>
    /// A double for binding. SQLite stores a NaN REAL as NULL, which would read back as null or 0, so NaN is kept
    /// as the text 'NaN' (text sorts after every number, where NaN sorts in .NET too).
    /// </summary>
    public static object Double(double value) => double.IsNaN(value) ? s_nan : value;

    /// <summary>Reads a double written by <see cref="Double(double)"/>.</summary>
    public static double ReadDouble(SqliteDataReader reader, int ordinal)
    {
        var value = reader.GetDouble(ordinal);
        return value == 0 && reader.GetFieldType(ordinal) == typeof(string) ? double.NaN : value;
    }

    public static string DecimalToText(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal DecimalFromText(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Big-endian (RFC 4122) bytes, so comparing blobs compares GUIDs in their string order.</summary>
    public static byte[] GuidToBytes(Guid value)
    {
        var bytes = new byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }

    public static Guid GuidFromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 16 ? new Guid(bytes, bigEndian: true) : throw Corrupt("a GUID", bytes.Length);

    public static byte[] ObjectIdToBytes(ObjectId value) => value.ToByteArray();

    public static ObjectId ObjectIdFromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == ObjectId.ByteLength ? new ObjectId(bytes) : throw Corrupt("an ObjectId", bytes.Length);

    /// <summary>DateTime ticks with the Kind in the top two bits: the form DateTime takes inside a RealmValue.</summary>
    public static long PackDateTime(DateTime value) => value.Ticks | ((long)value.Kind << 62);

    public static DateTime UnpackDateTime(long packed) =>
        new(packed & 0x3FFF_FFFF_FFFF_FFFF, (DateTimeKind)((ulong)packed >> 62));

    /// <summary>
    /// A value in its natural SQLite form, chosen by its own type: what a mixed column stores and what a query
    /// argument binds as. Dates bind as UTC ticks (their offset lives in the auxiliary column).
    /// </summary>
    public static object ToSqlite(in RealmValue value) => value.Type switch
    {
        RealmValueType.Null => DBNull.Value,
        RealmValueType.Int => value.AsInt64(),
        RealmValueType.Bool => Bool(value.AsBool()),
        RealmValueType.String => value.AsString(),
        RealmValueType.Data => value.AsData(),
        RealmValueType.Date => value.AsDate().UtcTicks,
        RealmValueType.Float => Double(value.AsFloat()),
        RealmValueType.Double => Double(value.AsDouble()),
        RealmValueType.Decimal => DecimalToText(value.AsDecimal()),
        RealmValueType.ObjectId => ObjectIdToBytes(value.AsObjectId()),
        RealmValueType.Guid => GuidToBytes(value.AsGuid()),
        _ => throw new NotSupportedException($"A {value.Type} value cannot be stored as a plain value."),
    };

    /// <summary>Reads a mixed value from its value column and its type column.</summary>
    public static RealmValue ReadMixed(SqliteDataReader reader, int valueIndex, int typeIndex)
    {
        if (reader.IsDBNull(typeIndex))
        {
            return RealmValue.Null;
        }

        var type = (RealmValueType)reader.GetInt64(typeIndex);
        return type switch
        {
            RealmValueType.Null => RealmValue.Null,
            RealmValueType.Int => reader.GetInt64(valueIndex),
            RealmValueType.Bool => reader.GetInt64(valueIndex) != 0,
            RealmValueType.String => reader.GetString(valueIndex),
            RealmValueType.Data => (byte[])reader.GetValue(valueIndex),
            RealmValueType.Date => new DateTimeOffset(reader.GetInt64(valueIndex), TimeSpan.Zero),
            RealmValueType.Float => (float)ReadDouble(reader, valueIndex),
            RealmValueType.Double => ReadDouble(reader, valueIndex),
            RealmValueType.Decimal => DecimalFromText(reader.GetString(valueIndex)),
            RealmValueType.ObjectId => ObjectIdFromBytes((byte[])reader.GetValue(valueIndex)),
            RealmValueType.Guid => GuidFromBytes((byte[])reader.GetValue(valueIndex)),
            _ => throw new RealmCorruptFileException($"A mixed value has the unknown type tag {(int)type}."),
        };
    }

    /// <summary>Reads an object identity (a primary key or row key) stored with <paramref name="encoding"/>.</summary>
    public static RealmValue ReadIdentity(SqliteDataReader reader, int index, ValueEncoding encoding)
    {
        if (reader.IsDBNull(index))
        {
            return RealmValue.Null;
        }

        return encoding switch
        {
            ValueEncoding.Int or ValueEncoding.Embedded => reader.GetInt64(index),
            ValueEncoding.String => reader.GetString(index),
            ValueEncoding.ObjectId => ObjectIdFromBytes((byte[])reader.GetValue(index)),
            ValueEncoding.Guid => GuidFromBytes((byte[])reader.GetValue(index)),
            _ => throw new NotSupportedException($"{encoding} cannot identify an object."),
        };
    }

    /// <summary>Reads a double written by <see cref="Double(double)"/> from a raw statement.</summary>
    public static double ReadDouble(RawStatement row, int ordinal)
    {
        // 'NaN' reads as 0 through sqlite3_column_double: only a zero needs the second look at the storage class.
        var value = row.GetDouble(ordinal);
        return value == 0 && row.TypeOf(ordinal) == SQLitePCL.raw.SQLITE_TEXT ? double.NaN : value;
    }

    /// <summary>Reads a mixed value from its value column and its type column of a raw statement.</summary>
    public static RealmValue ReadMixed(RawStatement row, int valueIndex, int typeIndex)
    {
        if (row.IsNull(typeIndex))
        {
            return RealmValue.Null;
        }

        var type = (RealmValueType)row.GetInt64(typeIndex);
        return type switch
        {
            RealmValueType.Null => RealmValue.Null,
            RealmValueType.Int => row.GetInt64(valueIndex),
            RealmValueType.Bool => row.GetInt64(valueIndex) != 0,
            RealmValueType.String => row.GetString(valueIndex),
            RealmValueType.Data => row.GetBytes(valueIndex),
            RealmValueType.Date => new DateTimeOffset(row.GetInt64(valueIndex), TimeSpan.Zero),
            RealmValueType.Float => (float)ReadDouble(row, valueIndex),
            RealmValueType.Double => ReadDouble(row, valueIndex),
            RealmValueType.Decimal => DecimalFromText(row.GetString(valueIndex)),
            RealmValueType.ObjectId => ObjectIdFromBytes(row.GetSpan(valueIndex)),
            RealmValueType.Guid => GuidFromBytes(row.GetSpan(valueIndex)),
            _ => throw new RealmCorruptFileException($"A mixed value has the unknown type tag {(int)type}."),
        };
    }

    /// <summary>Reads an object identity stored with <paramref name="encoding"/> from a raw statement.</summary>
    public static RealmValue ReadIdentity(RawStatement row, int index, ValueEncoding encoding)
    {
        if (row.IsNull(index))
        {
            return RealmValue.Null;
        }

        return encoding switch
        {
            ValueEncoding.Int or ValueEncoding.Embedded => row.GetInt64(index),
            ValueEncoding.String => row.GetString(index),
            ValueEncoding.ObjectId => ObjectIdFromBytes(row.GetSpan(index)),
            ValueEncoding.Guid => GuidFromBytes(row.GetSpan(index)),
            _ => throw new NotSupportedException($"{encoding} cannot identify an object."),
        };
    }

    /// <summary>An identity in its stored form (the inverse of ReadIdentity).</summary>
    public static object IdentityToSqlite(in RealmValue identity) => ToSqlite(identity);

    private static RealmCorruptFileException Corrupt(string what, int length) =>
        new($"The realm file holds {length} bytes where {what} was expected; the file is damaged.");
}
