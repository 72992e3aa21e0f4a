using System;
using System.Globalization;

namespace SourceGenSync.Merge.Internal;

/// <summary>The tag names of the document JSON shape and the exact text forms of decimals.</summary>
internal static class DocumentJson
{
    public const string Double = "$double";
    public const string Float = "$float";
    public const string Decimal = "$decimal";
    public const string Date = "$date";
    public const string Binary = "$binary";
    public const string ObjectId = "$oid";
    public const string Guid = "$uuid";
    public const string Link = "$link";
    public const string Embedded = "$embedded";
    public const string List = "$list";
    public const string Set = "$set";
    public const string Dictionary = "$dict";

    /// <summary>
    /// Sign, then the magnitude with its scale ("1.00", "-0.0"): decimal.ToString keeps the scale but may drop the
    /// sign of a negative zero, so the sign is written from the bits.
    /// </summary>
    public static string FormatDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var negative = bits[3] < 0;
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        var magnitude = new decimal(bits[0], bits[1], bits[2], false, scale);
        var text = magnitude.ToString(CultureInfo.InvariantCulture);
        return negative ? "-" + text : text;
    }

    /// <summary>Parses the form <see cref="FormatDecimal"/> writes, and only that (so the scale is exact).</summary>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        value = default;
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        if (body.Length == 0 || !char.IsAsciiDigit(body[0]) || !char.IsAsciiDigit(body[^1]) ||
            !decimal.TryParse(body, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var magnitude))
        {
            return false;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(magnitude, bits);
        if (negative)
        {
            bits[3] |= int.MinValue;
        }

        value = new decimal(bits);
        return FormatDecimal(value) == text; // rejects rounding (scale > 28), leading zeros and other variants
    }
}
