using System;
using System.Runtime.CompilerServices;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Collections;

/// <summary>
/// Converts the elements of a primitive collection between <typeparamref name="T"/> and the
/// <see cref="RealmValue"/> that is both their changeset payload and the source of their stored form. The
/// <c>typeof(T) == typeof(...)</c> tests are constants after JIT, so each instantiation compiles to one branch and
/// values move through <see cref="Unsafe.As{TFrom, TTo}(ref TFrom)"/> without boxing (nullable enums, rare, box).
/// DateTime follows the changeset convention: an Int holding ticks with the Kind in the top two bits.
/// </summary>
internal static class PrimitiveElement<T>
{
    private static readonly bool s_isEnum = typeof(T).IsEnum;
    private static readonly Type? s_nullableEnum = Nullable.GetUnderlyingType(typeof(T)) is { IsEnum: true } e ? e : null;

    /// <summary>Whether <typeparamref name="T"/> is a type a primitive collection can hold.</summary>
    public static bool IsSupported =>
        s_isEnum || s_nullableEnum is not null
        || typeof(T) == typeof(bool) || typeof(T) == typeof(bool?)
        || typeof(T) == typeof(byte) || typeof(T) == typeof(byte?)
        || typeof(T) == typeof(short) || typeof(T) == typeof(short?)
        || typeof(T) == typeof(int) || typeof(T) == typeof(int?)
        || typeof(T) == typeof(long) || typeof(T) == typeof(long?)
        || typeof(T) == typeof(float) || typeof(T) == typeof(float?)
        || typeof(T) == typeof(double) || typeof(T) == typeof(double?)
        || typeof(T) == typeof(decimal) || typeof(T) == typeof(decimal?)
        || typeof(T) == typeof(string) || typeof(T) == typeof(byte[])
        || typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateTimeOffset?)
        || typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTime?)
        || typeof(T) == typeof(Guid) || typeof(T) == typeof(Guid?)
        || typeof(T) == typeof(ObjectId) || typeof(T) == typeof(ObjectId?)
        || typeof(T) == typeof(RealmValue);

    public static RealmValue ToValue(T item, Property property)
    {
        if (typeof(T) == typeof(bool)) return Unsafe.As<T, bool>(ref item);
        if (typeof(T) == typeof(bool?)) return Unsafe.As<T, bool?>(ref item);
        if (typeof(T) == typeof(byte)) return (long)Unsafe.As<T, byte>(ref item);
        if (typeof(T) == typeof(byte?)) return (long?)Unsafe.As<T, byte?>(ref item);
        if (typeof(T) == typeof(short)) return (long)Unsafe.As<T, short>(ref item);
        if (typeof(T) == typeof(short?)) return (long?)Unsafe.As<T, short?>(ref item);
        if (typeof(T) == typeof(int)) return (long)Unsafe.As<T, int>(ref item);
        if (typeof(T) == typeof(int?)) return (long?)Unsafe.As<T, int?>(ref item);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref item);
        if (typeof(T) == typeof(long?)) return Unsafe.As<T, long?>(ref item);
        if (typeof(T) == typeof(float)) return Unsafe.As<T, float>(ref item);
        if (typeof(T) == typeof(float?)) return Unsafe.As<T, float?>(ref item);
        if (typeof(T) == typeof(double)) return Unsafe.As<T, double>(ref item);
        if (typeof(T) == typeof(double?)) return Unsafe.As<T, double?>(ref item);
        if (typeof(T) == typeof(decimal)) return Unsafe.As<T, decimal>(ref item);
        if (typeof(T) == typeof(decimal?)) return Unsafe.As<T, decimal?>(ref item);
        if (typeof(T) == typeof(string)) return Unsafe.As<T, string?>(ref item);
        if (typeof(T) == typeof(byte[])) return Unsafe.As<T, byte[]?>(ref item);
        if (typeof(T) == typeof(DateTimeOffset)) return Unsafe.As<T, DateTimeOffset>(ref item);
        if (typeof(T) == typeof(DateTimeOffset?)) return Unsafe.As<T, DateTimeOffset?>(ref item);
        if (typeof(T) == typeof(DateTime)) return PackDateTime(Unsafe.As<T, DateTime>(ref item), property);
        if (typeof(T) == typeof(DateTime?))
        {
            var value = Unsafe.As<T, DateTime?>(ref item);
            return value.HasValue ? PackDateTime(value.Value, property) : RealmValue.Null;
        }

        if (typeof(T) == typeof(Guid)) return Unsafe.As<T, Guid>(ref item);
        if (typeof(T) == typeof(Guid?)) return Unsafe.As<T, Guid?>(ref item);
        if (typeof(T) == typeof(ObjectId)) return Unsafe.As<T, ObjectId>(ref item);
        if (typeof(T) == typeof(ObjectId?)) return Unsafe.As<T, ObjectId?>(ref item);
        if (typeof(T) == typeof(RealmValue)) return Unsafe.As<T, RealmValue>(ref item);
        if (s_isEnum)
        {
            return Unsafe.SizeOf<T>() switch
            {
                1 => (long)Unsafe.As<T, byte>(ref item),
                2 => (long)Unsafe.As<T, short>(ref item),
                4 => (long)Unsafe.As<T, int>(ref item),
                _ => Unsafe.As<T, long>(ref item),
            };
        }

        if (s_nullableEnum is not null)
        {
            object? boxed = item;
            return boxed is null ? RealmValue.Null : Convert.ToInt64(boxed, System.Globalization.CultureInfo.InvariantCulture);
        }

        throw Unsupported();
    }

    public static T FromValue(in RealmValue value)
    {
        if (value.IsNull)
        {
            return default!;
        }

        if (typeof(T) == typeof(bool) || typeof(T) == typeof(bool?)) return As(value.AsBool());
        if (typeof(T) == typeof(byte) || typeof(T) == typeof(byte?)) return As((byte)value.AsInt64());
        if (typeof(T) == typeof(short) || typeof(T) == typeof(short?)) return As((short)value.AsInt64());
        if (typeof(T) == typeof(int) || typeof(T) == typeof(int?)) return As((int)value.AsInt64());
        if (typeof(T) == typeof(long) || typeof(T) == typeof(long?)) return As(value.AsInt64());
        if (typeof(T) == typeof(float) || typeof(T) == typeof(float?)) return As(value.AsFloat());
        if (typeof(T) == typeof(double) || typeof(T) == typeof(double?)) return As(value.AsDouble());
        if (typeof(T) == typeof(decimal) || typeof(T) == typeof(decimal?)) return As(value.AsDecimal());
        if (typeof(T) == typeof(string))
        {
            var text = value.AsString();
            return Unsafe.As<string, T>(ref text);
        }

        if (typeof(T) == typeof(byte[]))
        {
            var data = value.AsData();
            return Unsafe.As<byte[], T>(ref data);
        }

        if (typeof(T) == typeof(DateTimeOffset) || typeof(T) == typeof(DateTimeOffset?)) return As(value.AsDate());
        if (typeof(T) == typeof(DateTime) || typeof(T) == typeof(DateTime?)) return As(ValueCodec.UnpackDateTime(value.AsInt64()));
        if (typeof(T) == typeof(Guid) || typeof(T) == typeof(Guid?)) return As(value.AsGuid());
        if (typeof(T) == typeof(ObjectId) || typeof(T) == typeof(ObjectId?)) return As(value.AsObjectId());
        if (typeof(T) == typeof(RealmValue)) return As(value);
        if (s_isEnum)
        {
            var number = value.AsInt64();
            switch (Unsafe.SizeOf<T>())
            {
                case 1:
                    var b = (byte)number;
                    return Unsafe.As<byte, T>(ref b);
                case 2:
                    var s = (short)number;
                    return Unsafe.As<short, T>(ref s);
                case 4:
                    var i = (int)number;
                    return Unsafe.As<int, T>(ref i);
                default:
                    return Unsafe.As<long, T>(ref number);
            }
        }

        if (s_nullableEnum is not null)
        {
            return (T)Enum.ToObject(s_nullableEnum, value.AsInt64());
        }

        throw Unsupported();
    }

    /// <summary>
    /// Reinterprets a converted value as <typeparamref name="T"/>; for <c>T = U?</c> wraps it first (a bare
    /// <c>U</c> does not have <c>U?</c>'s layout).
    /// </summary>
    private static T As<TValue>(TValue value)
        where TValue : struct
    {
        if (typeof(T) == typeof(TValue))
        {
            return Unsafe.As<TValue, T>(ref value);
        }

        TValue? nullable = value;
        return Unsafe.As<TValue?, T>(ref nullable);
    }

    private static RealmValue PackDateTime(DateTime value, Property property) =>
        ValueCodec.PackDateTime(ColumnValues.Normalize(property, value));

    private static NotSupportedException Unsupported() =>
        new($"A collection of {typeof(T).Name} cannot be stored. Collections hold bool, integers, float, double, decimal, string, byte[], dates, Guid, ObjectId, RealmValue, enums and model objects.");
}
