using System;
using System.Globalization;
using System.Text;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// Comparisons on mixed (<see cref="RealmValue"/>) columns, whose value column holds each value in its natural
/// SQLite form and whose auxiliary column holds the <see cref="RealmValueType"/> tag.
/// <para>
/// Semantics: a value matches only values of its own type family. Numbers (Int, Float, Double, Decimal) form one
/// family and compare numerically across types: integers and binary floats exactly as SQLite compares INTEGER and
/// REAL; decimals against decimals exactly (the <c>sgs_decimal</c> collation); a decimal against an integer exactly;
/// a decimal against a Float/Double as a double. Bool, String (ordinal, case-sensitive), Data, Date (by instant),
/// ObjectId and Guid each compare only with their own type. A null argument is a null check; <c>!=</c> is true for
/// values of another type and for null. Ordering comparisons never match values of another family.
/// </para>
/// </summary>
internal static class SqlMixed
{
    private static readonly string NumericTags = Tags(RealmValueType.Int, RealmValueType.Float, RealmValueType.Double);
    private static readonly string DecimalTag = Tag(RealmValueType.Decimal);
    private static readonly string StringTag = Tag(RealmValueType.String);

    public static void Write(SqlColumn column, ComparisonOperator op, RealmValue value, SqlCompilation compilation, StringBuilder sql)
    {
        if (value.IsNull)
        {
            SqlComparisons.WriteNullCheck(column.Sql, op, sql);
            return;
        }

        if (op == ComparisonOperator.NotEqual)
        {
            // The equality below is 0/1/NULL; "IS NOT 1" turns unknown into "different".
            sql.Append('(');
            Write(column, ComparisonOperator.Equal, value, compilation, sql);
            sql.Append(" IS NOT 1)");
            return;
        }

        var v = column.Sql;
        var type = column.AuxSql ?? throw new InvalidOperationException($"The mixed column '{column.Description}' has no type column.");
        var symbol = SqlComparisons.Symbol(op);
        switch (value.Type)
        {
            case RealmValueType.Int or RealmValueType.Float or RealmValueType.Double or RealmValueType.Decimal:
                var number = compilation.Parameter(SqlComparisons.Number(value)!);
                sql.Append("((").Append(type).Append(" IN (").Append(NumericTags).Append(") AND ").Append(v).Append(symbol).Append(number)
                    .Append(") OR (").Append(type).Append(" = ").Append(DecimalTag).Append(" AND ");
                if (value.Type is RealmValueType.Int or RealmValueType.Decimal)
                {
                    var text = compilation.Parameter(SqlComparisons.DecimalText(value)!);
                    sql.Append(v).Append(symbol).Append(text).Append(" COLLATE ").Append(SqliteFunctions.DecimalCollation);
                }
                else
                {
                    sql.Append("CAST(").Append(v).Append(" AS REAL)").Append(symbol).Append(number);
                }

                sql.Append("))");
                break;
            case RealmValueType.Object:
                throw new NotSupportedException($"'{column.Description}' is compared with an object; links inside mixed values cannot be queried.");
            default:
                var parameter = compilation.Parameter(ValueCodec.ToSqlite(value));
                sql.Append('(').Append(type).Append(" = ").Append(Tag(value.Type)).Append(" AND ")
                    .Append(v).Append(symbol).Append(parameter).Append(')');
                break;
        }
    }

    /// <summary>A string match on a mixed column applies to string values only.</summary>
    public static void WriteStringGuard(SqlColumn column, StringBuilder sql) =>
        sql.Append(column.AuxSql).Append(" = ").Append(StringTag).Append(" AND ");

    /// <summary>Sorts decimals among the other numbers; otherwise SQLite's order (null, numbers, text, blobs).</summary>
    public static string SortExpression(SqlColumn column) =>
        $"CASE {column.AuxSql} WHEN {DecimalTag} THEN CAST({column.Sql} AS REAL) ELSE {column.Sql} END";

    private static string Tag(RealmValueType type) => ((int)type).ToString(CultureInfo.InvariantCulture);

    private static string Tags(params ReadOnlySpan<RealmValueType> types)
    {
        var text = new StringBuilder();
        foreach (var type in types)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(Tag(type));
        }

        return text.ToString();
    }
}
