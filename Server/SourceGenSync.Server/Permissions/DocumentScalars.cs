using System;
using System.Globalization;
using SourceGenSync.Merge;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Permissions;

/// <summary>
/// Values in the SQLite form the local store keeps them in (docs/storage.md, "Value encodings"), so the server's SQL
/// compares exactly what the client's SQL compares: bools 0/1, every integer INTEGER, float and double REAL (NaN as
/// the text 'NaN', which sorts after every number), decimals as invariant text under the <c>sgs_decimal</c>
/// collation, dates as UTC ticks, DateTime as its ticks, GUIDs as 16 big-endian bytes, ObjectIds as 12 bytes.
/// </summary>
internal static class DocumentScalars
{
    private static readonly object s_nan = "NaN";

    /// <summary>The element kinds a query may compare.</summary>
    public static bool IsQueryable(ElementKind kind) => kind is ElementKind.Bool or ElementKind.Int or ElementKind.Counter
        or ElementKind.Float or ElementKind.Double or ElementKind.Decimal or ElementKind.String or ElementKind.Data
        or ElementKind.Date or ElementKind.DateTime or ElementKind.Guid or ElementKind.ObjectId;

    /// <summary>Kinds whose document form is plain JSON that <c>json_extract</c> already returns in stored form.</summary>
    public static bool IsPlainJson(ElementKind kind) => kind is ElementKind.Bool or ElementKind.Int or ElementKind.Counter or ElementKind.String;

    /// <summary>
    /// The stored form of a document value (the JSON text of one field or element), or null when it is null or not
    /// a value of <paramref name="kind"/>. Backs the <c>sgs_doc_value</c> SQL function.
    /// </summary>
    public static object? FromJson(string? json, ElementKind kind)
    {
        if (json is null)
        {
            return null;
        }

        RealmValue value;
        try
        {
            value = ObjectDocumentSerializer.Deserialize("{\"v\":" + json + "}").TryGetField("v", out var field) && field.Kind == DocumentValueKind.Value
                ? field.Value
                : RealmValue.Null;
        }
        catch (FormatException)
        {
            return null;
        }

        return Stored(value, kind);
    }

    /// <summary>The stored form of <paramref name="value"/> in a property of <paramref name="kind"/>, or null when it does not fit.</summary>
    public static object? Stored(RealmValue value, ElementKind kind) => (kind, value.Type) switch
    {
        (ElementKind.Bool, RealmValueType.Bool) => value.AsBool() ? 1L : 0L,
        (ElementKind.Int or ElementKind.Counter, RealmValueType.Int) => value.AsInt64(),
        (ElementKind.Float, RealmValueType.Float) => Double(value.AsFloat()),
        (ElementKind.Double, RealmValueType.Double) => Double(value.AsDouble()),
        (ElementKind.Decimal, RealmValueType.Decimal) => DecimalText(value.AsDecimal()),
        (ElementKind.String, RealmValueType.String) => value.AsString(),
        (ElementKind.Data, RealmValueType.Data) => value.AsData(),
        (ElementKind.Date, RealmValueType.Date) => value.AsDate().UtcTicks,
        (ElementKind.DateTime, RealmValueType.Int) => value.AsInt64() & DateTimeTicksMask,
        (ElementKind.Guid, RealmValueType.Guid) => GuidBytes(value.AsGuid()),
        (ElementKind.ObjectId, RealmValueType.ObjectId) => value.AsObjectId().ToByteArray(),
        _ => null,
    };

    /// <summary>DateTime travels as <c>ticks | Kind &lt;&lt; 62</c>; the local store keeps the ticks.</summary>
    public const long DateTimeTicksMask = 0x3FFF_FFFF_FFFF_FFFF;

    /// <summary>What a non-nullable property holds when its field is absent (the local store's column default).</summary>
    public static string DefaultSql(ElementKind kind) => kind switch
    {
        ElementKind.String => "''",
        ElementKind.Decimal => "'0'",
        ElementKind.Data => "X''",
        ElementKind.Guid => "zeroblob(16)",
        ElementKind.ObjectId => "zeroblob(12)",
        ElementKind.Float or ElementKind.Double => "0.0",
        _ => "0",
    };

    /// <summary>
    /// A non-null query argument in the stored form of <paramref name="kind"/>, with the local store's rules
    /// (SqlComparisons.ToArgument): numbers compare with numbers across int, float, double and decimal; every other
    /// type only with itself; dates with date and datetime properties.
    /// </summary>
    public static object ToArgument(RealmValue value, ElementKind kind, string description)
    {
        object? result = (kind, value.Type) switch
        {
            (ElementKind.Bool, RealmValueType.Bool) => value.AsBool() ? 1L : 0L,
            (ElementKind.Int or ElementKind.Counter, RealmValueType.Int) => value.AsInt64(),
            (ElementKind.Int or ElementKind.Counter or ElementKind.Float or ElementKind.Double, _) => Number(value, description),
            (ElementKind.Decimal, _) => DecimalArgument(value),
            (ElementKind.String, RealmValueType.String) => value.AsString(),
            (ElementKind.Data, RealmValueType.Data) => value.AsData(),
            (ElementKind.Date or ElementKind.DateTime, RealmValueType.Date) => value.AsDate().UtcTicks,
            (ElementKind.Guid, RealmValueType.Guid) => GuidBytes(value.AsGuid()),
            (ElementKind.ObjectId, RealmValueType.ObjectId) => value.AsObjectId().ToByteArray(),
            _ => null,
        };

        return result ?? throw new QueryRejectedException(
            $"'{description}' holds {Describe(kind)} values and cannot be compared with the {value.Type} value '{value}'.");
    }

    /// <summary>The words for a property's values in messages.</summary>
    public static string Describe(ElementKind kind) => kind switch
    {
        ElementKind.Int or ElementKind.Counter => "integer",
        ElementKind.DateTime => "datetime",
        ElementKind.ObjectId => "objectid",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static object? Number(RealmValue value, string description)
    {
        object? number = value.Type switch
        {
            RealmValueType.Int => value.AsInt64(),
            RealmValueType.Float => (double)value.AsFloat(),
            RealmValueType.Double => value.AsDouble(),
            RealmValueType.Decimal => decimal.Truncate(value.AsDecimal()) == value.AsDecimal() && value.AsDecimal() is >= long.MinValue and <= long.MaxValue
                ? (long)value.AsDecimal()
                : (double)value.AsDecimal(),
            _ => null,
        };

        // SQLite has no NaN value (the local store cannot bind one either); 'is NaN' is not expressible.
        return number is double d && double.IsNaN(d)
            ? throw new QueryRejectedException($"'{description}' is compared with NaN, which no comparison can match; remove the condition.")
            : number;
    }

    private static string? DecimalArgument(RealmValue value) => value.Type switch
    {
        RealmValueType.Decimal => DecimalText(value.AsDecimal()),
        RealmValueType.Int => value.AsInt64().ToString(CultureInfo.InvariantCulture),
        RealmValueType.Double when TryDecimal(value.AsDouble(), out var d) => DecimalText(d),
        RealmValueType.Float when TryDecimal(value.AsFloat(), out var f) => DecimalText(f),
        _ => null,
    };

    private static bool TryDecimal(double value, out decimal result)
    {
        if (double.IsFinite(value) && Math.Abs(value) < 7.9e28)
        {
            result = (decimal)value;
            return true;
        }

        result = 0;
        return false;
    }

    private static object Double(double value) => double.IsNaN(value) ? s_nan : value;

    private static string DecimalText(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] GuidBytes(Guid value)
    {
        var bytes = new byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }
}
