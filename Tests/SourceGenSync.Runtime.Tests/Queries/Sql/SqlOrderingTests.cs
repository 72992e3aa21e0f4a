using System;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>Orderings with their tie-break, paging, count, exists, last and aggregates.</summary>
public sealed class SqlOrderingTests : IDisposable
{
    private readonly SqlTestDatabase _db = new();
    private readonly long[] _rows;

    public SqlOrderingTests()
    {
        // Int: 3, 1, 3, 2, null   Decimal: 10, 9, 1.5, null, 2   Text: b, a, a, c, a
        _rows =
        [
            Row(3L, 10m, "b", 1.5),
            Row(1L, 9m, "a", 2.5),
            Row(3L, 1.5m, "a", null),
            Row(2L, null, "c", 4.0),
            Row(null, 2m, "a", -1.0),
        ];
    }

    public void Dispose() => _db.Dispose();

    private long Row(long? number, decimal? amount, string text, double? score) => _db.Insert("AllTypes",
        ("OptionalInt", number), ("OptionalDecimal", amount is { } d ? ValueCodec.DecimalToText(d) : null), ("Text", text), ("OptionalDouble", score),
        ("Date", new DateTimeOffset(2024, 1, (int)(number ?? 9), 0, 0, 0, TimeSpan.Zero).UtcTicks));

    private long[] Rows(params int[] indexes) => Array.ConvertAll(indexes, i => _rows[i]);

    private static QueryModel Model(params SortClause[] sorts) => QueryModel.All("AllTypes") with { Sorts = [.. sorts] };

    private static SortClause By(string property, bool ascending = true) => new(PropertyPath.Of(property), ascending);

    [Fact]
    public void Without_orderings_rows_come_in_insertion_order()
    {
        Assert.Equal(_rows, _db.Keys(Model()));
    }

    [Fact]
    public void Orderings_sort_with_nulls_first_and_the_row_key_breaking_ties()
    {
        Assert.Equal(Rows(4, 1, 3, 0, 2), _db.Keys(Model(By("OptionalInt"))));
        Assert.Equal(Rows(0, 2, 3, 1, 4), _db.Keys(Model(By("OptionalInt", ascending: false))));
        Assert.Equal(Rows(1, 2, 4, 0, 3), _db.Keys(Model(By("Text"))));
        Assert.Equal(Rows(2, 1, 4, 0, 3), _db.Keys(Model(By("Text"), By("OptionalInt", ascending: false))));
    }

    [Fact]
    public void Decimals_sort_numerically()
    {
        Assert.Equal(Rows(3, 2, 4, 1, 0), _db.Keys(Model(By("OptionalDecimal"))));
    }

    [Fact]
    public void Sorting_by_an_object_is_not_supported()
    {
        var error = Assert.Throws<NotSupportedException>(() => _db.Keys(QueryModel.All("TodoItem") with { Sorts = [By("project")] }));

        Assert.Contains("'project'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sorting_follows_links()
    {
        var g = new SqlGraph(_db);

        var model = QueryModel.All("TodoItem") with { Sorts = [new SortClause(PropertyPath.Of("project", "name"), false), By("priority")] };

        Assert.Equal([g.Code, g.Mow, g.Paint, g.Orphan], _db.Keys(model));
    }

    [Theory]
    [InlineData(null, 2L, new[] { 0, 1 })]
    [InlineData(2L, null, new[] { 2, 3, 4 })]
    [InlineData(1L, 2L, new[] { 1, 2 })]
    [InlineData(4L, 5L, new[] { 4 })]
    [InlineData(9L, null, new int[0])]
    [InlineData(0L, 0L, new int[0])]
    public void Skip_and_take_page_the_ordered_rows(long? skip, long? take, int[] expected)
    {
        var model = Model() with { Skip = skip, Take = take };

        Assert.Equal(Rows(expected), _db.Keys(model));
        Assert.Equal(expected.Length, _db.Count(model));
        Assert.Equal(expected.Length > 0, _db.Exists(model));
    }

    [Fact]
    public void Count_and_exists_apply_the_filter()
    {
        var texts = QueryModel.All("AllTypes").Where(new ComparisonNode(PropertyPath.Of("Text"), ComparisonOperator.Equal, "a"));

        Assert.Equal(3L, _db.Count(texts));
        Assert.True(_db.Exists(texts));
        Assert.False(_db.Exists(QueryModel.All("AllTypes").Where(new ComparisonNode(PropertyPath.Of("Text"), ComparisonOperator.Equal, "zzz"))));
    }

    [Fact]
    public void Last_reverses_the_order_and_respects_paging()
    {
        Assert.Equal(_rows[4], _db.Last(Model()));
        Assert.Equal(_rows[2], _db.Last(Model(By("OptionalInt"), By("Text", ascending: false))));
        Assert.Equal(_rows[3], _db.Last(Model(By("OptionalInt")) with { Take = 3 }));
        Assert.Equal(_rows[2], _db.Last(Model() with { Skip = 1, Take = 2 }));
        Assert.Null(_db.Last(Model() with { Skip = 10 }));
    }

    [Fact]
    public void Integer_aggregates_keep_integers_and_average_as_double()
    {
        var number = PropertyPath.Of("OptionalInt");

        Assert.Equal(9L, _db.Aggregate(Model(), AggregateKind.Sum, number).AsInt64());
        Assert.Equal(1L, _db.Aggregate(Model(), AggregateKind.Min, number).AsInt64());
        Assert.Equal(3L, _db.Aggregate(Model(), AggregateKind.Max, number).AsInt64());
        Assert.Equal(2.25, _db.Aggregate(Model(), AggregateKind.Average, number).AsDouble());
    }

    [Fact]
    public void Decimal_aggregates_are_exact()
    {
        var amount = PropertyPath.Of("OptionalDecimal");

        Assert.Equal(22.5m, _db.Aggregate(Model(), AggregateKind.Sum, amount).AsDecimal());
        Assert.Equal(5.625m, _db.Aggregate(Model(), AggregateKind.Average, amount).AsDecimal());
        Assert.Equal(1.5m, _db.Aggregate(Model(), AggregateKind.Min, amount).AsDecimal());
        Assert.Equal(10m, _db.Aggregate(Model(), AggregateKind.Max, amount).AsDecimal());
    }

    [Fact]
    public void Aggregates_of_nothing_are_zero_sums_and_null_otherwise()
    {
        var none = QueryModel.All("AllTypes").Where(new ComparisonNode(PropertyPath.Of("Text"), ComparisonOperator.Equal, "zzz"));

        Assert.Equal(0L, _db.Aggregate(none, AggregateKind.Sum, PropertyPath.Of("OptionalInt")).AsInt64());
        Assert.Equal(0d, _db.Aggregate(none, AggregateKind.Sum, PropertyPath.Of("OptionalDouble")).AsDouble());
        Assert.Equal(0m, _db.Aggregate(none, AggregateKind.Sum, PropertyPath.Of("OptionalDecimal")).AsDecimal());
        Assert.True(_db.Aggregate(none, AggregateKind.Max, PropertyPath.Of("OptionalInt")).IsNull);
        Assert.True(_db.Aggregate(none, AggregateKind.Average, PropertyPath.Of("OptionalDecimal")).IsNull);
    }

    [Fact]
    public void Aggregates_apply_filter_ordering_and_paging()
    {
        var model = Model(By("OptionalDouble", ascending: false)) with { Take = 2 };

        Assert.Equal(6.5, _db.Aggregate(model, AggregateKind.Sum, PropertyPath.Of("OptionalDouble")).AsDouble());
        Assert.Equal(3L, _db.Aggregate(model with { Skip = 1 }, AggregateKind.Max, PropertyPath.Of("OptionalInt")).AsInt64());
    }

    [Fact]
    public void Min_and_max_of_dates_are_utc_instants()
    {
        var min = _db.Aggregate(Model(), AggregateKind.Min, PropertyPath.Of("Date")).AsDate();
        var max = _db.Aggregate(Model(), AggregateKind.Max, PropertyPath.Of("Date")).AsDate();

        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), min);
        Assert.Equal(new DateTimeOffset(2024, 1, 9, 0, 0, 0, TimeSpan.Zero), max);
    }

    [Fact]
    public void Aggregates_follow_links()
    {
        _ = new SqlGraph(_db);

        var sum = _db.Aggregate(QueryModel.All("Comment"), AggregateKind.Sum, PropertyPath.Of("item", "priority"));

        Assert.Equal(13L, sum.AsInt64());
    }

    [Fact]
    public void Aggregates_of_unsuitable_properties_are_not_supported()
    {
        Assert.Throws<NotSupportedException>(() => _db.Aggregate(Model(), AggregateKind.Sum, PropertyPath.Of("Text")));
        Assert.Throws<NotSupportedException>(() => _db.Aggregate(Model(), AggregateKind.Max, PropertyPath.Of("Mixed")));
        Assert.Throws<NotSupportedException>(() => _db.Aggregate(Model(), AggregateKind.Average, PropertyPath.Of("Flag")));
    }
}
