using System;
using System.Collections.Immutable;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>Comparisons of every value encoding, null semantics and boolean structure, run on a real database.</summary>
public sealed class SqlComparisonTests : IDisposable
{
    private const string AllTypes = "AllTypes";
    private readonly SqlTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private long Row(params (string, object?)[] values) => _db.Insert(AllTypes, values);

    private long[] Where(QueryNode node) => _db.Where(AllTypes, node);

    private static ComparisonNode Cmp(string property, ComparisonOperator op, RealmValue value) => new(PropertyPath.Of(property), op, value);

    [Theory]
    [InlineData(ComparisonOperator.Equal, new[] { 2 })]
    [InlineData(ComparisonOperator.NotEqual, new[] { 1, 3 })]
    [InlineData(ComparisonOperator.LessThan, new[] { 1 })]
    [InlineData(ComparisonOperator.LessThanOrEqual, new[] { 1, 2 })]
    [InlineData(ComparisonOperator.GreaterThan, new[] { 3 })]
    [InlineData(ComparisonOperator.GreaterThanOrEqual, new[] { 2, 3 })]
    public void Integer_comparisons_apply_each_operator(ComparisonOperator op, int[] expectedRows)
    {
        var rows = new[] { Row(("Int", 1L)), Row(("Int", 5L)), Row(("Int", 9L)) };

        var found = Where(Cmp("Int", op, 5L));

        Assert.Equal(Array.ConvertAll(expectedRows, i => rows[i - 1]), found);
    }

    [Fact]
    public void Equality_with_null_is_a_null_check_and_inequality_with_a_value_includes_nulls()
    {
        var none = Row(("Key", "a"));
        var five = Row(("Key", "b"), ("OptionalInt", 5L));
        var six = Row(("Key", "c"), ("OptionalInt", 6L));

        Assert.Equal([none], Where(Cmp("OptionalInt", ComparisonOperator.Equal, RealmValue.Null)));
        Assert.Equal([five, six], Where(Cmp("OptionalInt", ComparisonOperator.NotEqual, RealmValue.Null)));
        Assert.Equal([none, six], Where(Cmp("OptionalInt", ComparisonOperator.NotEqual, 5L)));
    }

    [Fact]
    public void Ordering_comparisons_never_match_null_but_their_negation_does()
    {
        var none = Row(("OptionalInt", null));
        var five = Row(("OptionalInt", 5L));

        Assert.Empty(Where(Cmp("OptionalInt", ComparisonOperator.LessThan, RealmValue.Null)));
        Assert.Equal([five], Where(Cmp("OptionalInt", ComparisonOperator.GreaterThan, 1L)));
        Assert.Equal([none], Where(new NotNode(Cmp("OptionalInt", ComparisonOperator.GreaterThan, 1L))));
        Assert.Equal([none, five], Where(new NotNode(Cmp("OptionalInt", ComparisonOperator.LessThan, RealmValue.Null))));
    }

    [Fact]
    public void And_binds_tighter_than_Or_as_the_tree_says()
    {
        var a = Row(("Int", 1L), ("Flag", 1L));
        Row(("Int", 2L), ("Flag", 0L));
        var c = Row(("Int", 3L), ("Flag", 0L));

        var node = new OrNode(Cmp("Int", ComparisonOperator.Equal, 3L), new AndNode(Cmp("Int", ComparisonOperator.LessThan, 3L), Cmp("Flag", ComparisonOperator.Equal, true)));

        Assert.Equal([a, c], Where(node));
        Assert.Equal([a, c], Where(new NotNode(new NotNode(node))));
    }

    [Fact]
    public void Bool_columns_compare_with_bool_values()
    {
        var yes = Row(("Flag", 1L), ("OptionalFlag", 1L));
        var no = Row(("Flag", 0L), ("OptionalFlag", 0L));
        var unknown = Row(("Flag", 0L));

        Assert.Equal([yes], Where(Cmp("Flag", ComparisonOperator.Equal, true)));
        Assert.Equal([no, unknown], Where(Cmp("Flag", ComparisonOperator.Equal, false)));
        Assert.Equal([no], Where(Cmp("OptionalFlag", ComparisonOperator.Equal, false)));
        Assert.Equal([yes, unknown], Where(Cmp("OptionalFlag", ComparisonOperator.NotEqual, false)));
    }

    [Fact]
    public void Floats_and_doubles_compare_numerically_with_any_number()
    {
        var small = Row(("Float", (double)0.5f), ("Double", 0.25), ("Int", 0L));
        var large = Row(("Float", (double)2.5f), ("Double", 3.0), ("Int", 1L));

        Assert.Equal([large], Where(Cmp("Float", ComparisonOperator.GreaterThan, 1L)));
        Assert.Equal([small], Where(Cmp("Float", ComparisonOperator.Equal, 0.5f)));
        Assert.Equal([large], Where(Cmp("Double", ComparisonOperator.Equal, 3L)));
        Assert.Equal([small], Where(Cmp("Double", ComparisonOperator.LessThan, 0.3m)));
        Assert.Equal([small], Where(Cmp("Int", ComparisonOperator.LessThan, 0.5)));
    }

    [Fact]
    public void Decimals_compare_numerically_not_as_text()
    {
        var nine = Row(("Decimal", ValueCodec.DecimalToText(9m)));
        var ten = Row(("Decimal", ValueCodec.DecimalToText(10.50m)));
        var tiny = Row(("Decimal", ValueCodec.DecimalToText(-0.001m)));

        Assert.Equal([ten], Where(Cmp("Decimal", ComparisonOperator.GreaterThan, 9.5m)));
        Assert.Equal([ten], Where(Cmp("Decimal", ComparisonOperator.Equal, 10.5m)));
        Assert.Equal([nine, tiny], Where(Cmp("Decimal", ComparisonOperator.LessThan, 10L)));
        Assert.Equal([tiny], Where(Cmp("Decimal", ComparisonOperator.LessThan, 0m)));
    }

    [Fact]
    public void Strings_compare_ordinally()
    {
        var upper = Row(("Text", "Apple"));
        var lower = Row(("Text", "apple"));

        Assert.Equal([lower], Where(Cmp("Text", ComparisonOperator.Equal, "apple")));
        Assert.Equal([upper], Where(Cmp("Text", ComparisonOperator.LessThan, "a")));
    }

    [Fact]
    public void Data_compares_byte_for_byte()
    {
        var a = Row(("Data", new byte[] { 1, 2, 3 }), ("OptionalData", null));
        var b = Row(("Data", new byte[] { 1, 2 }), ("OptionalData", new byte[] { 0 }));

        Assert.Equal([a], Where(Cmp("Data", ComparisonOperator.Equal, new byte[] { 1, 2, 3 })));
        Assert.Equal([b], Where(Cmp("Data", ComparisonOperator.NotEqual, new byte[] { 1, 2, 3 })));
        Assert.Equal([a], Where(Cmp("OptionalData", ComparisonOperator.Equal, RealmValue.Null)));
    }

    [Fact]
    public void Dates_compare_instants_whatever_their_offset()
    {
        var noonUtc = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var same = Row(("Date", noonUtc.UtcTicks), ("Date:offset", 120L));
        var later = Row(("Date", noonUtc.AddHours(1).UtcTicks), ("Date:offset", 0L));

        Assert.Equal([same], Where(Cmp("Date", ComparisonOperator.Equal, noonUtc.ToOffset(TimeSpan.FromHours(2)))));
        Assert.Equal([later], Where(Cmp("Date", ComparisonOperator.GreaterThan, noonUtc.ToOffset(TimeSpan.FromHours(-5)))));
        Assert.Equal([same, later], Where(Cmp("OptionalDate", ComparisonOperator.Equal, RealmValue.Null)));
    }

    [Fact]
    public void DateTimes_compare_ticks_through_the_generated_conversion()
    {
        var morning = new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Local);
        var early = Row(("Timestamp", morning.Ticks), ("Timestamp:kind", (long)DateTimeKind.Local));
        var late = Row(("Timestamp", morning.AddHours(4).Ticks), ("Timestamp:kind", (long)DateTimeKind.Utc));

        Assert.Equal([early], Where(Cmp("Timestamp", ComparisonOperator.Equal, SourceGenSync.Internal.ValueConversions.FromDateTime(morning))));
        Assert.Equal([late], Where(Cmp("Timestamp", ComparisonOperator.GreaterThan, SourceGenSync.Internal.ValueConversions.FromDateTime(morning.AddHours(1)))));
    }

    [Fact]
    public void Guids_bind_big_endian_so_ordering_follows_their_text()
    {
        var low = Guid.Parse("00000000-0000-0000-0000-0000000000ff");
        var high = Guid.Parse("01000000-0000-0000-0000-000000000000");
        var a = Row(("Guid", ValueCodec.GuidToBytes(low)));
        var b = Row(("Guid", ValueCodec.GuidToBytes(high)));

        Assert.Equal([a], Where(Cmp("Guid", ComparisonOperator.Equal, low)));
        Assert.Equal([b], Where(Cmp("Guid", ComparisonOperator.GreaterThan, low)));
        Assert.Equal([a, b], Where(Cmp("OptionalGuid", ComparisonOperator.Equal, RealmValue.Null)));
    }

    [Fact]
    public void ObjectIds_compare_by_their_bytes()
    {
        var first = ObjectId.GenerateNewId(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var second = ObjectId.GenerateNewId(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var a = Row(("ObjectId", ValueCodec.ObjectIdToBytes(first)));
        var b = Row(("ObjectId", ValueCodec.ObjectIdToBytes(second)), ("OptionalObjectId", ValueCodec.ObjectIdToBytes(first)));

        Assert.Equal([b], Where(Cmp("ObjectId", ComparisonOperator.Equal, second)));
        Assert.Equal([a], Where(Cmp("ObjectId", ComparisonOperator.LessThan, second)));
        Assert.Equal([b], Where(Cmp("OptionalObjectId", ComparisonOperator.Equal, first)));
    }

    [Fact]
    public void Enums_compare_their_underlying_value()
    {
        var blue = Row(("Color", 200L), ("OptionalColor", 200L));
        var red = Row(("Color", 1L));

        Assert.Equal([blue], Where(Cmp("Color", ComparisonOperator.GreaterThan, 2L)));
        Assert.Equal([red], Where(Cmp("OptionalColor", ComparisonOperator.Equal, RealmValue.Null)));
    }

    [Fact]
    public void In_matches_any_listed_value_including_null_and_an_empty_list_matches_nothing()
    {
        var one = Row(("OptionalInt", 1L));
        var two = Row(("OptionalInt", 2L));
        var three = Row(("OptionalInt", 3L));
        var none = Row(("OptionalInt", null));

        Assert.Equal([one, three], Where(new InNode(PropertyPath.Of("OptionalInt"), [1L, 3L, 7L])));
        Assert.Equal([three, none], Where(new InNode(PropertyPath.Of("OptionalInt"), [3L, RealmValue.Null])));
        Assert.Empty(Where(new InNode(PropertyPath.Of("OptionalInt"), ImmutableArray<RealmValue>.Empty)));
        Assert.Equal([one, two, three, none], Where(new NotNode(new InNode(PropertyPath.Of("OptionalInt"), ImmutableArray<RealmValue>.Empty))));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_ArgumentException_naming_the_property()
    {
        var error = Assert.Throws<ArgumentException>(() => Where(Cmp("Int", ComparisonOperator.Equal, "five")));

        Assert.Contains("'Int'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_properties_and_classes_are_named_in_the_error()
    {
        var property = Assert.Throws<ArgumentException>(() => Where(Cmp("Nope", ComparisonOperator.Equal, 1L)));
        var cls = Assert.Throws<ArgumentException>(() => SqlQueryCompiler.CompileKeys(_db.Layout, QueryModel.All("Ghost")));

        Assert.Contains("'Nope'", property.Message, StringComparison.Ordinal);
        Assert.Contains("'AllTypes'", property.Message, StringComparison.Ordinal);
        Assert.Contains("'Ghost'", cls.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_travel_as_parameters_never_in_the_sql_text()
    {
        var query = SqlQueryCompiler.CompileKeys(_db.Layout, QueryModel.All(AllTypes).Where(
            new AndNode(Cmp("Text", ComparisonOperator.Equal, "needle"), Cmp("Int", ComparisonOperator.GreaterThan, 123456L))));

        Assert.DoesNotContain("needle", query.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", query.Text, StringComparison.Ordinal);
        Assert.Contains(query.Parameters, static p => Equals(p.Value, "needle"));
        Assert.Contains(query.Parameters, static p => Equals(p.Value, 123456L));
    }
}
