using System;
using System.Collections.Immutable;
using System.Text;
using SourceGenSync.Merge;
using SourceGenSync.Queries;
using SourceGenSync.Server.Permissions;
using static SourceGenSync.Server.Tests.Permissions.QueryWorld;

namespace SourceGenSync.Server.Tests.Permissions;

/// <summary>
/// The server's SQL over documents means what the local store's SQL means (Runtime/SourceGenSync/Internal/Queries):
/// C# null rules, absent fields as the column default, numeric comparison across number types, NaN after every
/// number, decimal numeric order, dates by instant, case folding beyond ASCII, wildcards, byte order.
/// </summary>
public sealed class DocumentQuerySqlTests : IDisposable
{
    private readonly QueryWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void Ints_follow_csharp_null_rules_and_absent_fields_read_as_the_default()
    {
        _world.Add(1, ("i", 5), ("ni", null)).Add(2, ("i", 7), ("ni", 3)).Add(3);

        Assert.Equal([3], _world.Keys("i == 0"));
        Assert.Equal([1, 3], _world.Keys("ni == null"));
        Assert.Equal([2], _world.Keys("ni != null"));
        Assert.Equal([1, 3], _world.Keys("ni != $0", 3));
        Assert.Equal([2], _world.Keys("ni > $0", 1));
        Assert.Equal([2], _world.Keys("ni < $0", 10));
        Assert.Equal([], _world.Keys("ni < $0", [null]));
        Assert.Equal([1, 3], _world.Keys("NOT (ni > $0)", 1));
        Assert.Equal([2], _world.Keys("i > $0", 5.5));
        Assert.Equal([1], _world.Keys("i == $0", 5.0m));
        Assert.Equal([1], _world.Keys("i == $0", 5.0f));
        Assert.Equal([1, 2], _world.Keys("i IN {$0, $1, $2}", 5, 7, 99));
        Assert.Equal([1, 2, 3], _world.Keys("ni IN {$0, $1}", 3, null));
        Assert.Equal([], _world.Keys("i IN {}"));
    }

    [Fact]
    public void Counters_and_bools_compare_as_integers()
    {
        _world.Add(1, ("c", 10), ("b", true), ("bn", false)).Add(2, ("c", -1), ("b", false)).Add(3);

        Assert.Equal([1], _world.Keys("c >= $0", 10));
        Assert.Equal([1], _world.Keys("b == true"));
        Assert.Equal([2, 3], _world.Keys("b == false"));
        Assert.Equal([1], _world.Keys("bn == false"));
        Assert.Equal([2, 3], _world.Keys("bn != false"));
    }

    [Fact]
    public void Doubles_keep_infinities_and_sort_nan_after_every_number()
    {
        _world.Add(1, ("d", 1.5)).Add(2, ("d", double.NaN)).Add(3, ("d", double.PositiveInfinity))
            .Add(4, ("d", double.NegativeInfinity)).Add(5).Add(6, ("dn", double.NaN));

        Assert.Equal([1], _world.Keys("d == $0", 1.5));
        Assert.Equal([2, 3, 4, 5, 6], _world.Keys("d != $0", 1.5));
        Assert.Equal([2, 3], _world.Keys("d > $0", 1e300));
        Assert.Equal([4], _world.Keys("d < $0", -1e300));
        Assert.Equal([3], _world.Keys("d == $0", double.PositiveInfinity));
        Assert.Equal([5, 6], _world.Keys("d == 0"));
        Assert.Equal([6], _world.Keys("dn != null"));
        Assert.Equal([6], _world.Keys("dn > $0", 1e308));
    }

    [Fact]
    public void A_float_is_compared_as_the_double_it_widens_to()
    {
        _world.Add(1, ("f", 0.1f)).Add(2, ("f", float.NaN)).Add(3, ("fn", float.NegativeInfinity));

        Assert.Equal([1], _world.Keys("f == $0", 0.1f));
        Assert.Equal([], _world.Keys("f == $0", 0.1)); // (double)0.1f != 0.1, as in C#
        Assert.Equal([1], _world.Keys("f > $0 AND f < $1", 0.0999, 0.1001));
        Assert.Equal([2], _world.Keys("f > $0", 1e30));
        Assert.Equal([3], _world.Keys("fn < $0", -1e30));
    }

    [Fact]
    public void Decimals_compare_numerically_not_as_text()
    {
        _world.Add(1, ("m", 1.50m)).Add(2, ("m", 10m)).Add(3, ("m", -0.5m)).Add(4).Add(5, ("mn", 2.000m));

        Assert.Equal([1], _world.Keys("m == $0", 1.5m));
        Assert.Equal([1], _world.Keys("m == $0", 1.5));
        Assert.Equal([2], _world.Keys("m > $0", 2));
        Assert.Equal([3], _world.Keys("m < $0", 0));
        Assert.Equal([4, 5], _world.Keys("m == $0", 0m));
        Assert.Equal([1, 2], _world.Keys("m IN {$0, $1}", 1.5m, 10.0m));
        Assert.Equal([5], _world.Keys("mn == $0", 2));
        Assert.Equal([1, 2, 3, 4], _world.Keys("mn != $0", 2m));
    }

    [Fact]
    public void Dates_compare_by_instant_whatever_their_offsets()
    {
        var eightUtc = new DateTimeOffset(2020, 1, 1, 8, 0, 0, TimeSpan.Zero);
        _world.Add(1, ("dt", new DateTimeOffset(2020, 1, 1, 10, 0, 0, TimeSpan.FromHours(2))))
            .Add(2, ("dt", new DateTimeOffset(2020, 1, 1, 3, 0, 0, TimeSpan.FromHours(-6))))
            .Add(3);

        Assert.Equal([1], _world.Keys("dt == $0", eightUtc));
        Assert.Equal([1], _world.Keys("dt == $0", eightUtc.ToOffset(TimeSpan.FromHours(-11))));
        Assert.Equal([2], _world.Keys("dt > $0", eightUtc));
        Assert.Equal([1, 2], _world.Keys("dt >= $0", eightUtc));
        Assert.Equal([3], _world.Keys("dt == null"));
    }

    [Fact]
    public void Datetime_properties_compare_their_ticks()
    {
        var utc = new DateTime(2021, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var packed = utc.Ticks | ((long)DateTimeKind.Utc << 62);
        _world.Add(1, ("dtt", packed)).Add(2, ("dtt", new DateTime(2022, 1, 1).Ticks)).Add(3);

        Assert.Equal([1], _world.Keys("dtt == $0", new DateTimeOffset(utc)));
        Assert.Equal([2], _world.Keys("dtt > $0", new DateTimeOffset(utc)));
        Assert.Equal([1, 2], _world.Keys("dtt != null"));
    }

    [Fact]
    public void Case_insensitive_matches_fold_letters_beyond_ascii()
    {
        _world.Add(1, ("s", "Straße ÉCOLE")).Add(2, ("s", "ÅNGSTRÖM")).Add(3, ("s", "plain")).Add(4);

        Assert.Equal([1], _world.Keys("s CONTAINS[c] $0", "école"));
        Assert.Equal([], _world.Keys("s CONTAINS $0", "école"));
        Assert.Equal([2], _world.Keys("s ==[c] $0", "ångström"));
        Assert.Equal([1, 3, 4], _world.Keys("s !=[c] $0", "ångström"));
        Assert.Equal([2], _world.Keys("s BEGINSWITH[c] $0", "åNG"));
        Assert.Equal([2], _world.Keys("s ENDSWITH[c] $0", "öm"));
        Assert.Equal([1], _world.Keys("s BEGINSWITH $0", "Straß"));
        Assert.Equal([1], _world.Keys("s ENDSWITH $0", "COLE"));
        Assert.Equal([4], _world.Keys("s == $0", ""));
        Assert.Equal([1, 2, 3, 4], _world.Keys("s CONTAINS $0", ""));
    }

    [Fact]
    public void Like_has_star_and_question_mark_wildcards_and_brackets_are_literal()
    {
        _world.Add(1, ("sn", "report-2024.pdf")).Add(2, ("sn", "[draft] notes")).Add(3, ("sn", "REPORT-1.PDF")).Add(4);

        Assert.Equal([1], _world.Keys("sn LIKE $0", "report-*.pdf"));
        Assert.Equal([1, 3], _world.Keys("sn LIKE[c] $0", "report-*.pdf"));
        Assert.Equal([3], _world.Keys("sn LIKE $0", "REPORT-?.PDF"));
        Assert.Equal([2], _world.Keys("sn LIKE $0", "[draft]*"));
        Assert.Equal([], _world.Keys("sn LIKE $0", "[a-z]*"));
        Assert.Equal([4], _world.Keys("NOT sn LIKE $0", "*"));
        Assert.Equal([1, 2, 3], _world.Keys("sn CONTAINS $0", ""));
    }

    [Fact]
    public void Guids_and_object_ids_order_by_their_bytes()
    {
        var low = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var high = Guid.Parse("ff000000-0000-0000-0000-000000000000");
        var early = new ObjectId("000000010000000000000000");
        var late = new ObjectId("ff0000000000000000000000");
        _world.Add(1, ("g", low), ("o", early)).Add(2, ("g", high), ("o", late)).Add(3);

        Assert.Equal([1], _world.Keys("g == $0", low));
        Assert.Equal([2], _world.Keys("g > $0", low));
        Assert.Equal([2, 3], _world.Keys("g != $0", low));
        Assert.Equal([1], _world.Keys("o < $0", late));
        Assert.Equal([1, 2], _world.Keys("o IN {$0, $1}", early, late));
    }

    [Fact]
    public void Data_supports_equality_only()
    {
        _world.Add(1, ("bin", new byte[] { 1, 2, 3 })).Add(2, ("bin", Array.Empty<byte>())).Add(3);

        Assert.Equal([1], _world.Keys("bin == $0", new byte[] { 1, 2, 3 }));
        Assert.Equal([2, 3], _world.Keys("bin != $0", new byte[] { 1, 2, 3 }));
        Assert.Equal([3], _world.Keys("bin == null"));
        Assert.Equal([2], _world.Keys("bin == $0", Array.Empty<byte>()));
        var error = Assert.Throws<QueryRejectedException>(() => _world.Keys("bin > $0", new byte[] { 1 }));
        Assert.Contains("Thing.bin", error.Message);
    }

    [Fact]
    public void Subqueries_match_when_any_element_does()
    {
        _world.Add(1, ("tags", List("Red", "blue")), ("nums", Set(1, 5)), ("ws", List(0.5, double.NaN)))
            .Add(2, ("tags", List("green")), ("nums", Set(9)), ("days", List(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)))))
            .Add(3, ("prices", Set(null, 1.5m)))
            .Add(4);

        Assert.Equal([1], _world.Keys("SUBQUERY(tags, $x, $x == $0).@count > 0", "blue"));
        Assert.Equal([1], _world.Keys("SUBQUERY(tags, $x, $x ==[c] $0).@count > 0", "RED"));
        Assert.Equal([1, 2], _world.Keys("SUBQUERY(tags, $x, $x CONTAINS[c] $0).@count > 0", "E"));
        Assert.Equal([2], _world.Keys("SUBQUERY(nums, $x, $x > $0).@count > 0", 5));
        Assert.Equal([1, 2], _world.Keys("SUBQUERY(nums, $x, $x IN {$0, $1}).@count > 0", 1, 9));
        Assert.Equal([1], _world.Keys("SUBQUERY(ws, $x, $x > $0).@count > 0", 1e300));
        Assert.Equal([2], _world.Keys("SUBQUERY(days, $x, $x < $0).@count > 0", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal([3], _world.Keys("SUBQUERY(prices, $x, $x == null).@count > 0"));
        Assert.Equal([3], _world.Keys("SUBQUERY(prices, $x, $x == $0).@count > 0", 1.50));
        Assert.Equal([2, 3, 4], _world.Keys("NOT SUBQUERY(tags, $x, $x == $0).@count > 0", "blue"));
        Assert.Equal([1, 2], _world.Keys("SUBQUERY(tags, $x, TRUEPREDICATE).@count > 0"));
    }

    [Fact]
    public void The_primary_key_is_read_from_the_key_column()
    {
        _world.Add(1).Add(2).Add(3);

        Assert.Equal([2], _world.Keys("_id == $0", 2));
        Assert.Equal([1, 3], _world.Keys("_id IN {$0, $1}", 1, 3));
        Assert.Equal([2, 3], _world.Keys("_id > 1.5"));
    }

    [Fact]
    public void Truepredicate_falsepredicate_and_boolean_structure()
    {
        _world.Add(1, ("i", 1), ("s", "a")).Add(2, ("i", 2), ("s", "b")).Add(3, ("i", 3), ("s", "a"));

        Assert.Equal([1, 2, 3], _world.Keys("TRUEPREDICATE"));
        Assert.Equal([], _world.Keys("FALSEPREDICATE"));
        Assert.Equal([], _world.Keys("NOT TRUEPREDICATE"));
        Assert.Equal([3], _world.Keys("s == $0 AND i > $1", "a", 1));
        Assert.Equal([1, 2, 3], _world.Keys("s == $0 OR i > $1", "a", 1));
        Assert.Equal([2], _world.Keys("NOT (s == $0)", "a"));
    }

    [Fact]
    public void Hostile_values_and_property_names_are_inert_parameters()
    {
        const string hostile = "x'); DROP TABLE candidates; --\" OR 1=1 /*";
        _world.Add(1, ("sn", hostile), ("we\"ird", "quoted"), ("$odd.name", 7), ("back\\slash", "\\"), ("ñame·日本", 8)).Add(2, ("sn", "x"));

        Assert.Equal([1], _world.Keys("sn == $0", hostile));
        Assert.Equal([1], _world.Keys("sn CONTAINS $0", "'); DROP"));
        Assert.Equal([], _world.Keys("sn LIKE $0", "*' OR '1'='1"));
        Assert.Equal([1], _world.Matching(new ComparisonNode(PropertyPath.Of("we\"ird"), ComparisonOperator.Equal, "quoted")));
        Assert.Equal([1], _world.Matching(new ComparisonNode(PropertyPath.Of("$odd.name"), ComparisonOperator.Equal, 7L)));
        Assert.Equal([1], _world.Matching(new ComparisonNode(PropertyPath.Of("back\\slash"), ComparisonOperator.Equal, "\\")));
        Assert.Equal([1], _world.Matching(new ComparisonNode(PropertyPath.Of("ñame·日本"), ComparisonOperator.Equal, 8L)));
        _world.Add(3, ("tä\"gs", Set("a\"b", "c")));
        Assert.Equal([3], _world.Matching(new CollectionAnyNode(PropertyPath.Of("tä\"gs"), new ComparisonNode(PropertyPath.Empty, ComparisonOperator.Equal, "a\"b"))));
        Assert.Equal([1, 2, 3], _world.Keys("TRUEPREDICATE")); // the table survived

        var parameters = new SqlParameterList();
        var sql = new StringBuilder();
        DocumentQuerySql.Write(new StringNode(PropertyPath.Of("we\"ird"), StringOperator.Contains, hostile, false), Thing, "doc", parameters, sql);
        Assert.DoesNotContain("DROP", sql.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("weird", sql.ToString().Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Fragments_composed_into_one_statement_get_distinct_parameters_and_aliases()
    {
        var parameters = new SqlParameterList();
        var first = new StringBuilder();
        var second = new StringBuilder();
        var any = new CollectionAnyNode(PropertyPath.Of("tags"), new ComparisonNode(PropertyPath.Empty, ComparisonOperator.Equal, "a"));
        DocumentQuerySql.Write(new AndNode(any, new ComparisonNode(PropertyPath.Of("i"), ComparisonOperator.Equal, 1L)), Thing, "o.doc", parameters, first, "o.pk");
        DocumentQuerySql.Write(any, Thing, "o.doc", parameters, second, "o.pk");

        Assert.Equal(6, parameters.Items.Count);
        Assert.Equal(6, new System.Collections.Generic.HashSet<string>(System.Linq.Enumerable.Select(parameters.Items, p => p.Key)).Count);
        Assert.Contains("sgs_e0", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("sgs_e1", second.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("owner.name == $0", "Thing.owner.name", "x")]
    [InlineData("home.city == $0", "Thing.home.city", "x")]
    [InlineData("owner == null", "Thing.owner", null)]
    [InlineData("mix == $0", "Thing.mix", "x")]
    [InlineData("tags.@count > 1", "Thing.tags.@count", null)]
    [InlineData("scores.@keys == $0", "Thing.scores", "x")]
    [InlineData("SUBQUERY(scores, $x, $x > 1).@count > 0", "Thing.scores", null)]
    [InlineData("tags == $0", "Thing.tags", "x")]
    [InlineData("sn TEXT $0", "Thing.sn", "x")]
    [InlineData("missing == $0", "missing", "x")]
    public void Constructs_outside_the_subset_are_rejected_naming_the_property(string query, string named, string? argument)
    {
        var error = Assert.Throws<QueryRejectedException>(() => _world.Keys(query, argument));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i == $0", "text")]
    [InlineData("s == $0", 1)]
    [InlineData("b == $0", 1)]
    [InlineData("dt == $0", 1)]
    [InlineData("i CONTAINS $0", "1")]
    [InlineData("g == $0", "00000000-0000-0000-0000-000000000001")]
    public void Values_of_an_incompatible_type_are_rejected(string query, object argument)
    {
        var error = Assert.Throws<QueryRejectedException>(() => _world.Keys(query, argument));
        Assert.Contains("Thing.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nan_arguments_are_rejected()
    {
        var error = Assert.Throws<QueryRejectedException>(() => _world.Keys("d > $0", double.NaN));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_in_lists_match_nothing()
    {
        _world.Add(1);
        Assert.Equal([], _world.Matching(new InNode(PropertyPath.Of("i"), ImmutableArray<RealmValue>.Empty)));
    }

    [Fact]
    public void Evaluator_keys_can_be_opaque_when_the_primary_key_is_passed_separately()
    {
        using var evaluator = new DocumentPredicateEvaluator();
        var doc = ObjectDocumentSerializer.SerializeToString(new ObjectDocument().Set("i", DocumentValue.Of(1L)));
        var byKey = new ComparisonNode(PropertyPath.Of("_id"), ComparisonOperator.Equal, 7L);

        Assert.Equal(["after"], evaluator.Matching(Thing, byKey, [("before", "6", doc), ("after", "7", doc)]));
        Assert.Equal(2, evaluator.Matching(Thing, new ComparisonNode(PropertyPath.Of("i"), ComparisonOperator.Equal, 1L), [("b7", doc), ("a7", doc)]).Count);
        var error = Assert.Throws<ArgumentException>(() => evaluator.Matching(Thing, byKey, [("b7", doc)]));
        Assert.Contains("Thing._id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluator_calls_do_not_see_each_others_documents()
    {
        using var evaluator = new DocumentPredicateEvaluator();
        var doc = ObjectDocumentSerializer.SerializeToString(new ObjectDocument());
        Assert.Single(evaluator.Matching(Thing, TruePredicate.Instance, [("1", doc)]));
        Assert.Equal(2, evaluator.Matching(Thing, TruePredicate.Instance, [("2", doc), ("3", doc)]).Count);
    }
}
