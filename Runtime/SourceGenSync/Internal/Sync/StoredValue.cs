using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Sync;

/// <summary>
/// A value as one column (or side-table <c>value</c>) and its auxiliary column store it (docs/storage.md, "Value
/// encodings"), converted from a changeset payload value. <see cref="TryConvert"/> is also the type check: a value
/// of the wrong type for the encoding does not convert, and the instruction carrying it is skipped.
/// </summary>
internal readonly record struct StoredValue(ColumnValue Main, ColumnValue Aux)
{
    public static StoredValue Null => default;

    /// <summary>
    /// Converts a plain value for a column or element of <paramref name="encoding"/> (links use their target's
    /// identity encoding). Null converts only when <paramref name="allowNull"/>.
    /// </summary>
    public static bool TryConvert(in RealmValue value, ValueEncoding encoding, bool allowNull, out StoredValue stored)
    {
        stored = default;
        if (value.IsNull)
        {
            return allowNull;
        }

        switch (encoding)
        {
            case ValueEncoding.Bool when value.Type == RealmValueType.Bool:
                stored = new(ColumnValue.Int(value.AsBool() ? 1 : 0), ColumnValue.Null);
                return true;
            case ValueEncoding.Int when value.Type == RealmValueType.Int:
                stored = new(ColumnValue.Int(value.AsInt64()), ColumnValue.Null);
                return true;
            case ValueEncoding.Float when value.Type == RealmValueType.Float:
                stored = new(ColumnValue.Double(value.AsFloat()), ColumnValue.Null);
                return true;
            case ValueEncoding.Double when value.Type == RealmValueType.Double:
                stored = new(ColumnValue.Double(value.AsDouble()), ColumnValue.Null);
                return true;
            case ValueEncoding.Decimal when value.Type == RealmValueType.Decimal:
                stored = new(ColumnValue.Text(ValueCodec.DecimalToText(value.AsDecimal())), ColumnValue.Null);
                return true;
            case ValueEncoding.String when value.Type == RealmValueType.String:
                stored = new(ColumnValue.Text(value.AsString()), ColumnValue.Null);
                return true;
            case ValueEncoding.Data when value.Type == RealmValueType.Data:
                stored = new(ColumnValue.Blob(value.AsData()), ColumnValue.Null);
                return true;
            case ValueEncoding.Date when value.Type == RealmValueType.Date:
                var date = value.AsDate();
                stored = new(ColumnValue.Int(date.UtcTicks), ColumnValue.Int((long)date.Offset.TotalMinutes));
                return true;
            case ValueEncoding.DateTime when value.Type == RealmValueType.Int:
                // DateTime travels as ticks | Kind << 62 (docs/changesets.md); a Kind of 3 is not a DateTimeKind.
                var packed = value.AsInt64();
                if ((ulong)packed >> 62 == 3)
                {
                    return false;
                }

                var dateTime = ValueCodec.UnpackDateTime(packed);
                stored = new(ColumnValue.Int(dateTime.Ticks), ColumnValue.Int((long)dateTime.Kind));
                return true;
            case ValueEncoding.Guid when value.Type == RealmValueType.Guid:
                stored = new(ColumnValue.Of(value.AsGuid()), ColumnValue.Null);
                return true;
            case ValueEncoding.ObjectId when value.Type == RealmValueType.ObjectId:
                stored = new(ColumnValue.Of(value.AsObjectId()), ColumnValue.Null);
                return true;
            case ValueEncoding.Mixed when value.Type != RealmValueType.Object:
                stored = new(ColumnValue.FromObject(ValueCodec.ToSqlite(value)), ColumnValue.Int((long)value.Type));
                return true;
            default:
                return false;
        }
    }

    /// <summary>An object identity (primary key or row key) for a table whose identity is stored with <paramref name="identity"/>.</summary>
    public static bool TryIdentity(in RealmValue key, ValueEncoding identity, bool nullable, out StoredValue stored) =>
        TryConvert(key, identity, nullable, out stored);

    /// <summary>The value a column of a newly created row holds until a field is set (what additive schema changes use).</summary>
    public static StoredValue DefaultFor(ColumnMap column)
    {
        if (column.Property.IsNullable || column.Encoding is ValueEncoding.Link or ValueEncoding.Embedded or ValueEncoding.Mixed)
        {
            return Null;
        }

        return column.Encoding switch
        {
            ValueEncoding.String => new(ColumnValue.Text(""), ColumnValue.Null),
            ValueEncoding.Decimal => new(ColumnValue.Text("0"), ColumnValue.Null),
            ValueEncoding.Data => new(ColumnValue.Blob([]), ColumnValue.Null),
            ValueEncoding.Guid => new(ColumnValue.Of(System.Guid.Empty), ColumnValue.Null),
            ValueEncoding.ObjectId => new(ColumnValue.Of(ObjectId.Empty), ColumnValue.Null),
            ValueEncoding.Float or ValueEncoding.Double => new(ColumnValue.Double(0), ColumnValue.Null),
            ValueEncoding.Date or ValueEncoding.DateTime => new(ColumnValue.Int(0), ColumnValue.Int(0)),
            _ => new(ColumnValue.Int(0), ColumnValue.Null),
        };
    }

    public void BindTo(RawStatement statement, int mainIndex, int auxIndex)
    {
        Main.BindTo(statement, mainIndex);
        if (auxIndex > 0)
        {
            Aux.BindTo(statement, auxIndex);
        }
    }
}

/// <summary>What a payload resolves to before it is written: a stored value, or a new embedded object to create.</summary>
internal readonly record struct ResolvedPayload(StoredValue Value, bool IsNewEmbedded);
