using System;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// A compiled aggregate and how to read its result. Sums and averages of decimals are computed in .NET from the
/// matching values (SQLite would add them as doubles); everything else is one SQL aggregate.
/// </summary>
internal sealed class SqlAggregate
{
    public SqlAggregate(SqlQuery query, AggregateKind kind, ValueEncoding encoding, bool readsRows)
    {
        Query = query;
        Kind = kind;
        Encoding = encoding;
        ReadsRows = readsRows;
    }

    public SqlQuery Query { get; }

    public AggregateKind Kind { get; }

    /// <summary>The stored encoding of the aggregated property.</summary>
    public ValueEncoding Encoding { get; }

    /// <summary>True when <see cref="Query"/> returns the values (one per row) rather than the aggregate.</summary>
    public bool ReadsRows { get; }

    /// <summary>
    /// Runs the aggregate. Sum of nothing is zero (Int, Double or Decimal); Min, Max and Average of nothing are
    /// <see cref="RealmValue.Null"/>. Sum is Int for integers, Double for Float/Double, Decimal for decimals; Average is
    /// Double (Decimal for decimals); Min and Max keep the property's type (dates as UTC instants).
    /// </summary>
    public RealmValue Execute(SqliteCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Query.Bind(command);
        if (!ReadsRows)
        {
            return ReadScalar(command.ExecuteScalar());
        }

        var sum = 0m;
        var count = 0L;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!reader.IsDBNull(0))
                {
                    sum += ValueCodec.DecimalFromText(reader.GetString(0));
                    count++;
                }
            }
        }

        return Kind == AggregateKind.Sum ? sum : count == 0 ? RealmValue.Null : sum / count;
    }

    /// <summary>Checks the property can be aggregated; true when the values must be read and aggregated in .NET.</summary>
    internal static bool Validate(AggregateKind kind, SqlColumn column)
    {
        var encoding = column.StoredEncoding;
        var ok = column.Encoding is not (ValueEncoding.Link or ValueEncoding.Embedded or ValueEncoding.Mixed) && kind switch
        {
            AggregateKind.Sum or AggregateKind.Average => encoding is ValueEncoding.Int or ValueEncoding.Float or ValueEncoding.Double or ValueEncoding.Decimal,
            _ => encoding is ValueEncoding.Int or ValueEncoding.Float or ValueEncoding.Double or ValueEncoding.Decimal
                or ValueEncoding.Date or ValueEncoding.DateTime or ValueEncoding.String,
        };

        return ok
            ? encoding == ValueEncoding.Decimal && kind is AggregateKind.Sum or AggregateKind.Average
            : throw new NotSupportedException($"{kind} cannot be computed over '{column.Description}' ({column.Encoding} values).");
    }

    private RealmValue ReadScalar(object? raw)
    {
        if (raw is null or DBNull)
        {
            return Kind != AggregateKind.Sum ? RealmValue.Null : Encoding == ValueEncoding.Int ? RealmValue.Create(0L) : RealmValue.Create(0d);
        }

        if (Kind == AggregateKind.Average)
        {
            return Convert.ToDouble(raw, CultureInfo.InvariantCulture);
        }

        return Encoding switch
        {
            ValueEncoding.Int when Kind == AggregateKind.Sum => Convert.ToInt64(raw, CultureInfo.InvariantCulture),
            ValueEncoding.Int => (long)raw,
            ValueEncoding.Float when Kind != AggregateKind.Sum => (float)Convert.ToDouble(raw, CultureInfo.InvariantCulture),
            ValueEncoding.Float or ValueEncoding.Double => Convert.ToDouble(raw, CultureInfo.InvariantCulture),
            ValueEncoding.Decimal => ValueCodec.DecimalFromText((string)raw),
            ValueEncoding.Date or ValueEncoding.DateTime => new DateTimeOffset((long)raw, TimeSpan.Zero),
            ValueEncoding.String => (string)raw,
            _ => throw new NotSupportedException($"{Kind} of {Encoding} values is not supported."),
        };
    }
}
