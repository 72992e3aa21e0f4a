using System;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Collections;

/// <summary>
/// The stored form of a collection element (side table <c>value</c> and <c>aux</c>), from and to the
/// <see cref="RealmValue"/> that <see cref="PrimitiveElement{T}"/> produces. Same encodings as class columns, so
/// queries compare collection elements exactly like properties.
/// </summary>
internal static class StoredValues
{
    public static (object Main, object Aux) ToStored(in RealmValue value, ValueEncoding encoding)
    {
        if (value.IsNull)
        {
            return (DBNull.Value, DBNull.Value);
        }

        switch (encoding)
        {
            case ValueEncoding.Date:
                var date = value.AsDate();
                return (date.UtcTicks, (long)date.Offset.TotalMinutes);
            case ValueEncoding.DateTime:
                var dateTime = ValueCodec.UnpackDateTime(value.AsInt64());
                return (dateTime.Ticks, (long)dateTime.Kind);
            case ValueEncoding.Mixed:
                return ColumnValues.Mixed(value);
            default:
                return (ValueCodec.ToSqlite(value), DBNull.Value);
        }
    }

    /// <summary>Reads an element stored with <paramref name="encoding"/> (DateTime comes back packed, as an Int).</summary>
    public static RealmValue Read(SqliteDataReader reader, int valueIndex, int auxIndex, ValueEncoding encoding)
    {
        if (encoding == ValueEncoding.Mixed)
        {
            return ValueCodec.ReadMixed(reader, valueIndex, auxIndex);
        }

        if (reader.IsDBNull(valueIndex))
        {
            return RealmValue.Null;
        }

        return encoding switch
        {
            ValueEncoding.Bool => reader.GetInt64(valueIndex) != 0,
            ValueEncoding.Int or ValueEncoding.Embedded => reader.GetInt64(valueIndex),
            ValueEncoding.Float => (float)ValueCodec.ReadDouble(reader, valueIndex),
            ValueEncoding.Double => ValueCodec.ReadDouble(reader, valueIndex),
            ValueEncoding.Decimal => ValueCodec.DecimalFromText(reader.GetString(valueIndex)),
            ValueEncoding.String => reader.GetString(valueIndex),
            ValueEncoding.Data => (byte[])reader.GetValue(valueIndex),
            ValueEncoding.Date => new DateTimeOffset(reader.GetInt64(valueIndex), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.GetInt64(auxIndex))),
            ValueEncoding.DateTime => ValueCodec.PackDateTime(new DateTime(reader.GetInt64(valueIndex), (DateTimeKind)reader.GetInt64(auxIndex))),
            ValueEncoding.Guid => ValueCodec.GuidFromBytes((byte[])reader.GetValue(valueIndex)),
            ValueEncoding.ObjectId => ValueCodec.ObjectIdFromBytes((byte[])reader.GetValue(valueIndex)),
            _ => throw new NotSupportedException($"{encoding} is not a primitive element encoding."),
        };
    }
}
