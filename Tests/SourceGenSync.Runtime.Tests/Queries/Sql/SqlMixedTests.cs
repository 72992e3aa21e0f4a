using System;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>Mixed (RealmValue) columns: values compare within their type family, numbers across numeric types.</summary>
public sealed class SqlMixedTests : IDisposable
{
    private readonly SqlTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private long Mixed(RealmValue value) =>
        _db.Insert("AllTypes", ("Mixed", ValueCodec.ToSqlite(value)), ("Mixed:type", value.IsNull ? null : (long)value.Type));

    private long[] Where(ComparisonOperator op, RealmValue value) =>
        _db.Where("AllTypes", new ComparisonNode(PropertyPath.Of("Mixed"), op, value));

    [Fact]
    public void Numbers_compare_across_int_float_double_and_decimal()
    {
        var integer = Mixed(2L);
        var single = Mixed(2f);
        var dbl = Mixed(2.5);
        var dec = Mixed(2.0m);
        Mixed("2");
        Mixed(true);

        Assert.Equal([integer, single, dec], Where(ComparisonOperator.Equal, 2L));
        Assert.Equal([integer, single, dec], Where(ComparisonOperator.Equal, 2m));
        Assert.Equal([integer, single, dec], Where(ComparisonOperator.Equal, 2.0));
        Assert.Equal([dbl], Where(ComparisonOperator.GreaterThan, 2L));
        Assert.Equal([integer, single, dec], Where(ComparisonOperator.LessThan, 2.25m));
        Assert.Equal([integer, single, dbl, dec], Where(ComparisonOperator.GreaterThan, 1.5f));
    }

    [Fact]
    public void Values_of_other_types_never_match_but_count_as_different()
    {
        var number = Mixed(1L);
        var flag = Mixed(true);
        var text = Mixed("1");
        var none = Mixed(RealmValue.Null);

        Assert.Equal([number], Where(ComparisonOperator.Equal, 1L));
        Assert.Equal([flag], Where(ComparisonOperator.Equal, true));
        Assert.Equal([text], Where(ComparisonOperator.Equal, "1"));
        Assert.Equal([flag, text, none], Where(ComparisonOperator.NotEqual, 1L));
        Assert.Equal([none], Where(ComparisonOperator.Equal, RealmValue.Null));
        Assert.Equal([number, flag, text], Where(ComparisonOperator.NotEqual, RealmValue.Null));
        Assert.Equal([text], Where(ComparisonOperator.GreaterThan, "0"));
    }

    [Fact]
    public void Dates_guids_object_ids_and_data_compare_with_their_own_type()
    {
        var when = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(3));
        var guid = Guid.NewGuid();
        var id = ObjectId.GenerateNewId();
        var date = Mixed(when);
        var g = Mixed(guid);
        var o = Mixed(id);
        var data = Mixed(new byte[] { 9 });

        Assert.Equal([date], Where(ComparisonOperator.Equal, when.ToUniversalTime()));
        Assert.Equal([g], Where(ComparisonOperator.Equal, guid));
        Assert.Equal([o], Where(ComparisonOperator.Equal, id));
        Assert.Equal([data], Where(ComparisonOperator.Equal, new byte[] { 9 }));
    }

    [Fact]
    public void String_matches_on_mixed_apply_to_strings_only()
    {
        var text = Mixed("Straße");
        Mixed(5L);

        var found = _db.Where("AllTypes", new StringNode(PropertyPath.Of("Mixed"), StringOperator.Contains, "stra", false));

        Assert.Equal([text], found);
    }

    [Fact]
    public void In_on_mixed_uses_the_same_type_rules()
    {
        var one = Mixed(1L);
        var text = Mixed("a");
        Mixed(false);

        Assert.Equal([one, text], _db.Where("AllTypes", new InNode(PropertyPath.Of("Mixed"), [1.0, "a"])));
    }

    [Fact]
    public void Mixed_dictionary_values_are_matched_by_type()
    {
        var owner = _db.Insert("AllTypes", ("Key", "k"));
        var other = _db.Insert("AllTypes", ("Key", "l"));
        _db.InsertElement("AllTypes", "Attributes", owner, "size", 10L, (long)RealmValueType.Int);
        _db.InsertElement("AllTypes", "Attributes", other, "size", "10", (long)RealmValueType.String);

        var node = new CollectionAnyNode(PropertyPath.Of("Attributes"), new ComparisonNode(PropertyPath.Empty, ComparisonOperator.GreaterThanOrEqual, 10.0));

        Assert.Equal([owner], _db.Where("AllTypes", node));
    }

    [Fact]
    public void Sorting_mixed_puts_null_first_then_numbers_in_numeric_order_then_text()
    {
        var text = Mixed("a");
        var three = Mixed(3.0m);
        var none = Mixed(RealmValue.Null);
        var two = Mixed(2L);
        var tenth = Mixed(0.1);

        var model = SourceGenSync.Internal.Queries.QueryModel.All("AllTypes") with { Sorts = [new SortClause(PropertyPath.Of("Mixed"), true)] };

        Assert.Equal([none, tenth, two, three, text], _db.Keys(model));
    }
}
