using System;
using SourceGenSync.Changesets;

namespace SourceGenSync.Merge.Internal;

/// <summary>
/// Exact identity and a total order for values, stricter than <see cref="RealmValue.Equals(RealmValue)"/>: a decimal
/// keeps its scale (1.0 ≠ 1.00) and a date its offset. Merging needs this: if set membership or key identity
/// treated 1.0 and 1.00 as one element, which of the two a replica keeps would depend on the order it applied them,
/// and replicas would differ.
/// </summary>
internal static class ExactValue
{
    public static bool Equal(RealmValue left, RealmValue right) => Compare(left, right) == 0;

    public static int Compare(RealmValue left, RealmValue right)
    {
        if (left.Type != right.Type)
        {
            return left.Type.CompareTo(right.Type);
        }

        switch (left.Type)
        {
            case RealmValueType.Null:
                return 0;
            case RealmValueType.Int:
                return left.AsInt64().CompareTo(right.AsInt64());
            case RealmValueType.Bool:
                return left.AsBool().CompareTo(right.AsBool());
            case RealmValueType.String:
                return string.CompareOrdinal(left.AsString(), right.AsString());
            case RealmValueType.Data:
                return left.AsData().AsSpan().SequenceCompareTo(right.AsData());
            case RealmValueType.Date:
                var l = left.AsDate();
                var r = right.AsDate();
                var byTicks = l.UtcTicks.CompareTo(r.UtcTicks);
                return byTicks != 0 ? byTicks : l.Offset.CompareTo(r.Offset);
            case RealmValueType.Float:
                return BitConverter.SingleToInt32Bits(left.AsFloat()).CompareTo(BitConverter.SingleToInt32Bits(right.AsFloat()));
            case RealmValueType.Double:
                return BitConverter.DoubleToInt64Bits(left.AsDouble()).CompareTo(BitConverter.DoubleToInt64Bits(right.AsDouble()));
            case RealmValueType.Decimal:
                return CompareDecimalBits(left.AsDecimal(), right.AsDecimal());
            case RealmValueType.ObjectId:
                return left.AsObjectId().CompareTo(right.AsObjectId());
            case RealmValueType.Guid:
                return left.AsGuid().CompareTo(right.AsGuid());
            default:
                // Live object references never reach the merge layer (links are payloads); compare by identity so
                // the order stays total rather than throwing.
                return ReferenceEquals(left.AsObject(), right.AsObject()) ? 0 : left.AsObject().GetHashCode().CompareTo(right.AsObject().GetHashCode());
        }
    }

    public static int Hash(RealmValue value) => value.Type switch
    {
        RealmValueType.Decimal => HashDecimalBits(value.AsDecimal()),
        RealmValueType.Date => HashCode.Combine(value.AsDate().UtcTicks, value.AsDate().Offset),
        _ => value.GetHashCode(),
    };

    /// <summary>Payloads are equal when kind, link class and value are exactly equal.</summary>
    public static bool Equal(Payload left, Payload right) => Compare(left, right) == 0;

    public static int Compare(Payload left, Payload right)
    {
        var byKind = left.Kind.CompareTo(right.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byClass = string.CompareOrdinal(left.LinkClass, right.LinkClass);
        return byClass != 0 ? byClass : Compare(left.Value, right.Value);
    }

    private static int CompareDecimalBits(decimal left, decimal right)
    {
        Span<int> l = stackalloc int[4];
        Span<int> r = stackalloc int[4];
        decimal.GetBits(left, l);
        decimal.GetBits(right, r);
        for (var i = 0; i < 4; i++)
        {
            var c = l[i].CompareTo(r[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int HashDecimalBits(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return HashCode.Combine(bits[0], bits[1], bits[2], bits[3]);
    }
}
