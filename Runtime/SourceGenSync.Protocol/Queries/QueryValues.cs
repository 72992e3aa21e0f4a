using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Google.Protobuf;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Queries;

/// <summary>
/// Converts query arguments between <see cref="RealmValue"/> and the wire's <see cref="QueryValue"/>
/// (sync.proto). <see cref="FromProto(QueryValue)"/> validates everything a client could get wrong, so the server
/// can turn a bad value into a subscription error instead of failing later.
/// </summary>
public static class QueryValues
{
    private const int GuidLength = 16;

    // DateTimeOffset allows offsets of at most ±14 hours.
    private const int MaxOffsetMinutes = 14 * 60;

    // Decimals travel as invariant text: digits, one optional point and sign. No exponent, no grouping, no
    // whitespace, so each value has one spelling and the scale ("1.50") survives.
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static QueryValue ToProto(RealmValue value) => value.Type switch
    {
        RealmValueType.Null => new QueryValue { NullValue = true },
        RealmValueType.Bool => new QueryValue { BoolValue = value.AsBool() },
        RealmValueType.Int => new QueryValue { IntValue = value.AsInt64() },
        RealmValueType.Float => new QueryValue { FloatValue = value.AsFloat() },
        RealmValueType.Double => new QueryValue { DoubleValue = value.AsDouble() },
        RealmValueType.Decimal => new QueryValue { DecimalValue = value.AsDecimal().ToString(CultureInfo.InvariantCulture) },
        RealmValueType.String => new QueryValue { StringValue = value.AsString() },
        RealmValueType.Data => new QueryValue { DataValue = ByteString.CopyFrom(value.AsData()) },
        RealmValueType.Date => new QueryValue { DateValue = ToProto(value.AsDate()) },
        RealmValueType.Guid => new QueryValue { GuidValue = ToProto(value.AsGuid()) },
        RealmValueType.ObjectId => new QueryValue { ObjectIdValue = ByteString.CopyFrom(value.AsObjectId().ToByteArray()) },
        _ => throw new ArgumentException(
            $"A {value.Type} value cannot be a query argument: pass the linked object's primary key instead.", nameof(value)),
    };

    public static RealmValue FromProto(QueryValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.ValueCase switch
        {
            // An unset oneof is null too (sync.proto: "none: null").
            QueryValue.ValueOneofCase.None or QueryValue.ValueOneofCase.NullValue => RealmValue.Null,
            QueryValue.ValueOneofCase.BoolValue => value.BoolValue,
            QueryValue.ValueOneofCase.IntValue => value.IntValue,
            QueryValue.ValueOneofCase.FloatValue => value.FloatValue,
            QueryValue.ValueOneofCase.DoubleValue => value.DoubleValue,
            QueryValue.ValueOneofCase.DecimalValue => ParseDecimal(value.DecimalValue),
            QueryValue.ValueOneofCase.StringValue => value.StringValue,
            QueryValue.ValueOneofCase.DataValue => value.DataValue.ToByteArray(),
            QueryValue.ValueOneofCase.DateValue => ParseDate(value.DateValue),
            QueryValue.ValueOneofCase.GuidValue => ParseGuid(value.GuidValue),
            QueryValue.ValueOneofCase.ObjectIdValue => ParseObjectId(value.ObjectIdValue),
            _ => throw new FormatException($"Unknown query value kind {(int)value.ValueCase}: this server does not know it."),
        };
    }

    /// <summary>Converts a message's argument list; <c>$n</c> is element n.</summary>
    public static ImmutableArray<RealmValue> FromProto(IEnumerable<QueryValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = ImmutableArray.CreateBuilder<RealmValue>();
        var index = 0;
        foreach (var value in values)
        {
            try
            {
                result.Add(FromProto(value));
            }
            catch (FormatException e)
            {
                throw new FormatException($"Argument ${index}: {e.Message}", e);
            }

            index++;
        }

        return result.ToImmutable();
    }

    private static QueryDate ToProto(DateTimeOffset date) =>
        new() { UtcTicks = date.UtcTicks, OffsetMinutes = (int)date.Offset.TotalMinutes };

    private static ByteString ToProto(Guid guid)
    {
        var bytes = new byte[GuidLength];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        return ByteString.CopyFrom(bytes);
    }

    private static decimal ParseDecimal(string text) =>
        decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException(
                $"The decimal value '{Shorten(text)}' is not an invariant-culture decimal such as -12.50 (digits, one '.', optional '-').");

    private static DateTimeOffset ParseDate(QueryDate date)
    {
        if (date.UtcTicks < DateTime.MinValue.Ticks || date.UtcTicks > DateTime.MaxValue.Ticks)
        {
            throw new FormatException(
                $"The date's utc_ticks {date.UtcTicks} is outside 0 to {DateTime.MaxValue.Ticks} (0001-01-01 to 9999-12-31).");
        }

        if (date.OffsetMinutes is < -MaxOffsetMinutes or > MaxOffsetMinutes)
        {
            throw new FormatException($"The date's offset_minutes {date.OffsetMinutes} is outside -840 to 840 (±14 hours).");
        }

        var utc = new DateTimeOffset(date.UtcTicks, TimeSpan.Zero);
        var offset = TimeSpan.FromMinutes(date.OffsetMinutes);
        var local = date.UtcTicks + offset.Ticks;
        if (local < DateTime.MinValue.Ticks || local > DateTime.MaxValue.Ticks)
        {
            throw new FormatException(
                $"The date {utc:O} with offset_minutes {date.OffsetMinutes} falls outside the representable range in local time.");
        }

        return utc.ToOffset(offset);
    }

    private static Guid ParseGuid(ByteString bytes) =>
        bytes.Length == GuidLength
            ? new Guid(bytes.Span, bigEndian: true)
            : throw new FormatException($"A guid value must be {GuidLength} bytes, not {bytes.Length}.");

    private static ObjectId ParseObjectId(ByteString bytes) =>
        bytes.Length == ObjectId.ByteLength
            ? new ObjectId(bytes.Span)
            : throw new FormatException($"An object id value must be {ObjectId.ByteLength} bytes, not {bytes.Length}.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
