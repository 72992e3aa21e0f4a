using System;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Migrations;

/// <summary>
/// Decodes values of the old schema (by the encoding they were written in, not the one configured now) and
/// converts them for <see cref="MigrationObject"/>.
/// </summary>
internal static class OldValues
{
    /// <summary>
    /// The .NET value of a stored column: bool, long, float, double, decimal, string, byte[], DateTimeOffset,
    /// DateTime, Guid, ObjectId, a RealmValue for mixed values and link identities, a long row key for embedded
    /// objects; null for NULL.
    /// </summary>
    public static object? Read(SqliteDataReader reader, int index, ValueEncoding encoding, ValueEncoding identityEncoding)
    {
        if (encoding == ValueEncoding.Mixed)
        {
            return ValueCodec.ReadMixed(reader, index, index + 1);
        }

        if (reader.IsDBNull(index))
        {
            return null;
        }

        return encoding switch
        {
            ValueEncoding.Bool => reader.GetInt64(index) != 0,
            ValueEncoding.Int or ValueEncoding.Embedded => reader.GetInt64(index),
            ValueEncoding.Float => (float)reader.GetDouble(index),
            ValueEncoding.Double => reader.GetDouble(index),
            ValueEncoding.Decimal => ValueCodec.DecimalFromText(reader.GetString(index)),
            ValueEncoding.String => reader.GetString(index),
            ValueEncoding.Data => (byte[])reader.GetValue(index),
            ValueEncoding.Date => new DateTimeOffset(reader.GetInt64(index), TimeSpan.Zero)
                .ToOffset(TimeSpan.FromMinutes(reader.IsDBNull(index + 1) ? 0 : reader.GetInt64(index + 1))),
            ValueEncoding.DateTime => new DateTime(reader.GetInt64(index), reader.IsDBNull(index + 1) ? DateTimeKind.Unspecified : (DateTimeKind)reader.GetInt64(index + 1)),
            ValueEncoding.Guid => ValueCodec.GuidFromBytes((byte[])reader.GetValue(index)),
            ValueEncoding.ObjectId => ValueCodec.ObjectIdFromBytes((byte[])reader.GetValue(index)),
            ValueEncoding.Link => ValueCodec.ReadIdentity(reader, index, identityEncoding),
            _ => throw new NotSupportedException($"{encoding} values cannot be read."),
        };
    }

    public static RealmValue ToRealmValue(object? value) => value switch
    {
        null => RealmValue.Null,
        RealmValue realmValue => realmValue,
        bool b => b,
        long l => l,
        float f => f,
        double d => d,
        decimal m => m,
        string s => s,
        byte[] bytes => bytes,
        DateTimeOffset date => date,
        DateTime dateTime => dateTime.Kind == DateTimeKind.Local ? new DateTimeOffset(dateTime) : new DateTimeOffset(dateTime.Ticks, TimeSpan.Zero),
        Guid guid => guid,
        ObjectId id => id,
        _ => throw new NotSupportedException($"A {value.GetType().Name} has no RealmValue form."),
    };

    /// <summary>Converts a decoded value to <typeparamref name="T"/>: the stored type itself, a wider or narrower numeric type, an enum, a string, or RealmValue.</summary>
    public static T Convert<T>(object? value, string what)
    {
        if (typeof(T) == typeof(RealmValue))
        {
            return (T)(object)ToRealmValue(value);
        }

        if (value is RealmValue realmValue)
        {
            value = Unwrap(realmValue);
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is null)
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"{what} is null, which a {typeof(T).Name} cannot hold. Read it as a nullable type.");
        }

        if (target.IsInstanceOfType(value))
        {
            return (T)value;
        }

        try
        {
            object converted = value switch
            {
                _ when target.IsEnum && value is long number => Enum.ToObject(target, number),
                DateTime dateTime when target == typeof(DateTimeOffset) => ToRealmValue(dateTime).AsDate(),
                DateTimeOffset date when target == typeof(DateTime) => date.UtcDateTime,
                IConvertible when target == typeof(string) => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
                IConvertible when target.IsPrimitive || target == typeof(decimal) => System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
                _ => throw new InvalidCastException(),
            };
            return (T)converted;
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidCastException($"{what} holds the {value.GetType().Name} {System.Convert.ToString(value, CultureInfo.InvariantCulture)}, which cannot be read as {typeof(T).Name}.", e);
        }
    }

    private static object? Unwrap(RealmValue value) => value.Type switch
    {
        RealmValueType.Null => null,
        RealmValueType.Int => value.AsInt64(),
        RealmValueType.Bool => value.AsBool(),
        RealmValueType.String => value.AsString(),
        RealmValueType.Data => value.AsData(),
        RealmValueType.Date => value.AsDate(),
        RealmValueType.Float => value.AsFloat(),
        RealmValueType.Double => value.AsDouble(),
        RealmValueType.Decimal => value.AsDecimal(),
        RealmValueType.ObjectId => value.AsObjectId(),
        RealmValueType.Guid => value.AsGuid(),
        _ => value.AsObject(),
    };
}
