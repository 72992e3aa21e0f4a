using System;
using System.Globalization;
using System.Text;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// Comparisons of a column with values. Every value is converted to the column's stored encoding and bound as a
/// parameter. Null semantics follow C#: <c>== null</c> and <c>!= null</c> are null checks, <c>!=</c> a value is
/// true for null, and ordering comparisons with a null side are false.
/// </summary>
internal static class SqlComparisons
{
    public static void Write(SqlColumn column, ComparisonOperator op, RealmValue value, SqlCompilation compilation, StringBuilder sql)
    {
        if (column.Encoding == ValueEncoding.Mixed)
        {
            SqlMixed.Write(column, op, value, compilation, sql);
            return;
        }

        if (value.IsNull)
        {
            WriteNullCheck(column.Sql, op, sql);
            return;
        }

        var parameter = compilation.Parameter(ToArgument(value, column));
        sql.Append(column.Sql).Append(op switch
        {
            ComparisonOperator.Equal => " = ",
            // IS NOT: a null column differs from every value, as in C#.
            ComparisonOperator.NotEqual => " IS NOT ",
            _ => Symbol(op),
        }).Append(parameter);
    }

    public static void WriteNullCheck(string sqlValue, ComparisonOperator op, StringBuilder sql)
    {
        switch (op)
        {
            case ComparisonOperator.Equal:
                sql.Append(sqlValue).Append(" IS NULL");
                break;
            case ComparisonOperator.NotEqual:
                sql.Append(sqlValue).Append(" IS NOT NULL");
                break;
            default:
                sql.Append('0'); // an ordering comparison with null is false (C# lifted operators)
                break;
        }
    }

    /// <summary><c>column IN (...)</c>; an empty list matches nothing, a null in the list matches null.</summary>
    public static void WriteIn(SqlColumn column, InNode node, SqlCompilation compilation, StringBuilder sql)
    {
        if (node.Values.IsDefaultOrEmpty)
        {
            sql.Append('0');
            return;
        }

        if (column.Encoding == ValueEncoding.Mixed)
        {
            sql.Append('(');
            for (var i = 0; i < node.Values.Length; i++)
            {
                sql.Append(i == 0 ? "" : " OR ");
                SqlMixed.Write(column, ComparisonOperator.Equal, node.Values[i], compilation, sql);
            }

            sql.Append(')');
            return;
        }

        var hasNull = false;
        var list = new StringBuilder();
        foreach (var value in node.Values)
        {
            if (value.IsNull)
            {
                hasNull = true;
                continue;
            }

            list.Append(list.Length == 0 ? "" : ", ").Append(compilation.Parameter(ToArgument(value, column)));
        }

        sql.Append('(');
        if (list.Length > 0)
        {
            sql.Append(column.Sql).Append(" IN (").Append(list).Append(')');
        }

        if (hasNull)
        {
            sql.Append(list.Length > 0 ? " OR " : "").Append(column.Sql).Append(" IS NULL");
        }

        sql.Append(')');
    }

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => " = ",
        ComparisonOperator.NotEqual => " <> ",
        ComparisonOperator.LessThan => " < ",
        ComparisonOperator.LessThanOrEqual => " <= ",
        ComparisonOperator.GreaterThan => " > ",
        ComparisonOperator.GreaterThanOrEqual => " >= ",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>A non-null value in the SQLite form of <paramref name="column"/>'s stored encoding.</summary>
    public static object ToArgument(RealmValue value, SqlColumn column) =>
        ToArgument(value, column.StoredEncoding, column.Description);

    public static object ToArgument(RealmValue value, ValueEncoding encoding, string description)
    {
        object? result = (encoding, value.Type) switch
        {
            (ValueEncoding.Bool, RealmValueType.Bool) => ValueCodec.Bool(value.AsBool()),
            (ValueEncoding.Int, RealmValueType.Int) => value.AsInt64(),
            (ValueEncoding.Int or ValueEncoding.Float or ValueEncoding.Double, _) => Number(value),
            (ValueEncoding.Decimal, _) => DecimalText(value),
            (ValueEncoding.String, RealmValueType.String) => value.AsString(),
            (ValueEncoding.Data, RealmValueType.Data) => value.AsData(),
            (ValueEncoding.Date or ValueEncoding.DateTime, RealmValueType.Date) => value.AsDate().UtcTicks,
            (ValueEncoding.Guid, RealmValueType.Guid) => ValueCodec.GuidToBytes(value.AsGuid()),
            (ValueEncoding.ObjectId, RealmValueType.ObjectId) => ValueCodec.ObjectIdToBytes(value.AsObjectId()),
            _ => null,
        };

        if (result is not null)
        {
            return result;
        }

        if (value.Type == RealmValueType.Object)
        {
            throw new NotSupportedException(
                $"'{description}' is compared with an object. Compare the object's primary key instead (for example 't.Project.Id == project.Id').");
        }

        throw new ArgumentException($"'{description}' holds {Describe(encoding)} values and cannot be compared with the {value.Type} value '{value}'.", nameof(value));
    }

    /// <summary>Integers bind as INTEGER and fractions as REAL; SQLite compares the two numerically.</summary>
    public static object? Number(RealmValue value) => value.Type switch
    {
        RealmValueType.Int => value.AsInt64(),
        RealmValueType.Float => (double)value.AsFloat(),
        RealmValueType.Double => value.AsDouble(),
        RealmValueType.Decimal => decimal.Truncate(value.AsDecimal()) == value.AsDecimal() && value.AsDecimal() is >= long.MinValue and <= long.MaxValue
            ? (long)value.AsDecimal()
            : (double)value.AsDecimal(),
        _ => null,
    };

    /// <summary>Decimal text for comparison under the <c>sgs_decimal</c> collation, from any exact number.</summary>
    public static string? DecimalText(RealmValue value) => value.Type switch
    {
        RealmValueType.Decimal => ValueCodec.DecimalToText(value.AsDecimal()),
        RealmValueType.Int => value.AsInt64().ToString(CultureInfo.InvariantCulture),
        RealmValueType.Double when TryDecimal(value.AsDouble(), out var d) => ValueCodec.DecimalToText(d),
        RealmValueType.Float when TryDecimal(value.AsFloat(), out var f) => ValueCodec.DecimalToText(f),
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

    private static string Describe(ValueEncoding encoding) => encoding switch
    {
        ValueEncoding.Embedded => "embedded-object",
        ValueEncoding.Int => "integer",
        _ => encoding.ToString(),
    };
}
