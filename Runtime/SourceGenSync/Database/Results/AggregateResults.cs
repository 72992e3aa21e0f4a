using System;
using SourceGenSync.Internal.Queries;

namespace SourceGenSync;

/// <summary>Converts an aggregate's stored result to the type the LINQ operator returns, with LINQ's empty-sequence rules.</summary>
internal static class AggregateResults
{
    public static object? Convert(RealmValue value, Type resultType, AggregateKind kind)
    {
        var underlying = Nullable.GetUnderlyingType(resultType);
        var target = underlying ?? resultType;
        if (value.IsNull)
        {
            if (underlying is not null || !target.IsValueType)
            {
                return null;
            }

            if (kind == AggregateKind.Sum)
            {
                value = 0L;
            }
            else
            {
                throw new InvalidOperationException($"{kind} of an empty query has no value. Use a nullable selector (x => (int?)x.Value) to get null instead.");
            }
        }

        return target switch
        {
            _ when target == typeof(int) => checked((int)ToInt64(value)),
            _ when target == typeof(long) => ToInt64(value),
            _ when target == typeof(short) => checked((short)ToInt64(value)),
            _ when target == typeof(byte) => checked((byte)ToInt64(value)),
            _ when target == typeof(double) => ToDouble(value),
            _ when target == typeof(float) => (float)ToDouble(value),
            _ when target == typeof(decimal) => ToDecimal(value),
            _ when target == typeof(DateTimeOffset) => value.AsDate(),
            _ when target == typeof(DateTime) => new DateTime(value.AsDate().UtcTicks, DateTimeKind.Utc),
            _ when target == typeof(string) => value.AsString(),
            _ => throw new NotSupportedException($"An aggregate cannot produce a {resultType.Name}."),
        };
    }

    private static long ToInt64(RealmValue value) => value.Type switch
    {
        RealmValueType.Int => value.AsInt64(),
        RealmValueType.Double => (long)value.AsDouble(),
        RealmValueType.Float => (long)value.AsFloat(),
        RealmValueType.Decimal => (long)value.AsDecimal(),
        _ => throw new InvalidCastException($"A {value.Type} aggregate is not a number."),
    };

    private static double ToDouble(RealmValue value) => value.Type switch
    {
        RealmValueType.Int => value.AsInt64(),
        RealmValueType.Double => value.AsDouble(),
        RealmValueType.Float => value.AsFloat(),
        RealmValueType.Decimal => (double)value.AsDecimal(),
        _ => throw new InvalidCastException($"A {value.Type} aggregate is not a number."),
    };

    private static decimal ToDecimal(RealmValue value) => value.Type switch
    {
        RealmValueType.Decimal => value.AsDecimal(),
        RealmValueType.Int => value.AsInt64(),
        RealmValueType.Double => (decimal)value.AsDouble(),
        RealmValueType.Float => (decimal)value.AsFloat(),
        _ => throw new InvalidCastException($"A {value.Type} aggregate is not a number."),
    };
}
