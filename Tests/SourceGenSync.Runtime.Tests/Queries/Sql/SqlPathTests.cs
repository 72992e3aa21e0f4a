using System;
using System.Text.RegularExpressions;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Queries;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>Paths through links and embedded objects; collections, dictionaries and backlinks.</summary>
public sealed class SqlPathTests : IDisposable
{
    private readonly SqlTestDatabase _db = new();
    private readonly SqlGraph _g;

    public SqlPathTests() => _g = new SqlGraph(_db);

    public void Dispose() => _db.Dispose();

    private static PropertyPath P(params string[] segments) => PropertyPath.Of(segments);

    private static ComparisonNode Eq(PropertyPath path, RealmValue value) => new(path, ComparisonOperator.Equal, value);

    private long[] Todos(QueryNode node) => _db.Where("TodoItem", node);

    private long[] Projects(QueryNode node) => _db.Where("project_v2", node);

    [Fact]
    public void A_link_path_compares_the_target_property()
    {
        Assert.Equal([_g.Paint, _g.Mow], Todos(Eq(P("project", "name"), "Home")));
        Assert.Equal([_g.Code, _g.Orphan], Todos(new ComparisonNode(P("project", "name"), ComparisonOperator.NotEqual, "Home")));
    }

    [Fact]
    public void A_null_link_is_found_by_a_null_check()
    {
        Assert.Equal([_g.Orphan], Todos(Eq(P("project"), RealmValue.Null)));
        Assert.Equal([_g.Orphan], Todos(Eq(P("project", "name"), RealmValue.Null)));
        Assert.Equal([_g.Paint, _g.Mow, _g.Code], Todos(new ComparisonNode(P("project"), ComparisonOperator.NotEqual, RealmValue.Null)));
    }

    [Fact]
    public void The_target_primary_key_is_read_from_the_link_column_without_a_join()
    {
        var model = QueryModel.All("TodoItem").Where(Eq(P("project", "Id"), _g.WorkId));

        Assert.DoesNotContain("JOIN", SqlQueryCompiler.CompileKeys(_db.Layout, model).Text, StringComparison.Ordinal);
        Assert.Equal([_g.Code], _db.Keys(model));
    }

    [Fact]
    public void Each_distinct_link_prefix_is_joined_once()
    {
        var model = QueryModel.All("TodoItem")
            .Where(Eq(P("project", "name"), "Home"))
            .Where(new StringNode(P("project", "Description"), StringOperator.Contains, "house", true))
            .Where(Eq(P("project", "Office", "City"), "Paris")) with
        { Sorts = [new SortClause(P("project", "name"), true)] };

        var sql = SqlQueryCompiler.CompileKeys(_db.Layout, model).Text;

        Assert.Equal(2, Regex.Count(sql, "LEFT JOIN"));
        Assert.Equal([_g.Paint, _g.Mow], _db.Keys(model));
    }

    [Fact]
    public void Embedded_objects_are_reached_by_path_and_checked_for_null()
    {
        Assert.Equal([_g.Home], Projects(Eq(P("Office", "City"), "Paris")));
        Assert.Equal([_g.Work], Projects(Eq(P("Office"), RealmValue.Null)));
        Assert.Equal([_g.Ann], _db.Where("SqlMember", new ComparisonNode(P("Badge", "Level"), ComparisonOperator.GreaterThanOrEqual, 3L)));
    }

    [Fact]
    public void Links_to_classes_without_a_primary_key_join_on_the_row_key()
    {
        Assert.Equal([_g.Bob], _db.Where("SqlMember", Eq(P("Mentor", "Name"), "Ann")));
        Assert.Equal([_g.Bob], _db.Where("SqlMember", Eq(P("Mentor", "Badge", "Label"), "Gold")));
    }

    [Fact]
    public void A_primitive_list_contains_a_value()
    {
        Assert.Equal([_g.Paint, _g.Code], Todos(new CollectionAnyNode(P("tags"), Eq(PropertyPath.Empty, "blue"))));
        Assert.Equal([_g.Paint], Todos(new CollectionAnyNode(P("tags"), new StringNode(PropertyPath.Empty, StringOperator.StartsWith, "R", false))));
        Assert.Equal([_g.Mow, _g.Orphan], Todos(new NotNode(new CollectionAnyNode(P("tags"), TruePredicate.Instance))));
    }

    [Fact]
    public void Collection_counts_compare_with_every_operator()
    {
        var tags = P("tags");

        Assert.Equal([_g.Paint, _g.Code], Todos(new CollectionCountNode(tags, ComparisonOperator.GreaterThan, 0)));
        Assert.Equal([_g.Mow, _g.Orphan], Todos(new CollectionCountNode(tags, ComparisonOperator.Equal, 0)));
        Assert.Equal([_g.Paint], Todos(new CollectionCountNode(tags, ComparisonOperator.GreaterThanOrEqual, 2)));
        Assert.Equal([_g.Code], Todos(new CollectionCountNode(tags, ComparisonOperator.Equal, 1)));
        Assert.Equal([_g.Mow, _g.Code, _g.Orphan], Todos(new CollectionCountNode(tags, ComparisonOperator.LessThan, 2)));
        Assert.Equal([_g.Paint, _g.Mow, _g.Orphan], Todos(new CollectionCountNode(tags, ComparisonOperator.NotEqual, 1)));
    }

    [Fact]
    public void Dictionaries_match_values_and_keys()
    {
        Assert.Equal([_g.Paint], Todos(new CollectionAnyNode(P("counts"), new ComparisonNode(PropertyPath.Empty, ComparisonOperator.GreaterThan, 3L))));
        Assert.Equal([_g.Paint], Todos(new DictionaryContainsKeyNode(P("counts"), "b")));
        Assert.Equal([_g.Paint, _g.Code], Todos(new DictionaryContainsKeyNode(P("counts"), "a")));
        Assert.Empty(Todos(new DictionaryContainsKeyNode(P("counts"), "a' OR 1=1 --")));
    }

    [Fact]
    public void Lists_and_sets_of_links_evaluate_predicates_on_the_targets()
    {
        Assert.Equal([_g.Home], Projects(new CollectionAnyNode(P("Items"), Eq(P("title"), "Mow"))));
        Assert.Equal([_g.Home, _g.Work], Projects(new CollectionAnyNode(P("Items"), new ComparisonNode(P("priority"), ComparisonOperator.GreaterThan, 2L))));
        Assert.Equal([_g.Work], Projects(new CollectionAnyNode(P("Starred"), Eq(P("title"), "Paint"))));
        Assert.Equal([_g.Home], Projects(new CollectionCountNode(P("Items"), ComparisonOperator.Equal, 2)));
    }

    [Fact]
    public void Object_collection_predicates_follow_links_from_the_element()
    {
        Assert.Equal([_g.Home], Projects(new CollectionAnyNode(P("Items"), Eq(P("project", "name"), "Home"))));
        Assert.Equal([_g.Red], _db.Where("sql_team", new CollectionAnyNode(P("members"), Eq(P("Mentor", "Name"), "Ann"))));
    }

    [Fact]
    public void Dictionaries_of_links_keep_null_values()
    {
        Assert.Equal([_g.Home], Projects(new CollectionAnyNode(P("ByKey"), Eq(PropertyPath.Empty, RealmValue.Null))));
        Assert.Equal([_g.Home], Projects(new CollectionAnyNode(P("ByKey"), Eq(P("title"), "Paint"))));
        Assert.Equal([_g.Red], _db.Where("sql_team", new CollectionAnyNode(P("Roles"), Eq(P("Age"), 30L))));
        Assert.Equal([_g.Red], _db.Where("sql_team", new DictionaryContainsKeyNode(P("Roles"), "spare")));
    }

    [Fact]
    public void Lists_of_embedded_objects_are_queried_through_their_rows()
    {
        Assert.Equal([_g.Work], Projects(new CollectionAnyNode(P("Branches"), Eq(P("City"), "Lyon"))));
        Assert.Empty(Projects(new CollectionAnyNode(P("Branches"), Eq(P("City"), "Paris"))));
    }

    [Fact]
    public void Nested_collection_predicates_correlate_with_their_own_element()
    {
        var node = new CollectionAnyNode(P("Items"), new CollectionAnyNode(P("tags"), Eq(PropertyPath.Empty, "red")));

        Assert.Equal([_g.Home], Projects(node));
    }

    [Fact]
    public void Backlinks_through_a_link_column_find_the_origin_objects()
    {
        Assert.Equal([_g.Home], Projects(new CollectionAnyNode(P("Todos"), new ComparisonNode(P("priority"), ComparisonOperator.GreaterThan, 4L))));
        Assert.Equal([_g.Home], Projects(new CollectionCountNode(P("Todos"), ComparisonOperator.Equal, 2)));
        Assert.Equal([_g.Paint], Todos(new CollectionAnyNode(P("Comments"), Eq(P("Text"), "meh"))));
        Assert.Equal([_g.Mow, _g.Orphan], Todos(new CollectionCountNode(P("Comments"), ComparisonOperator.Equal, 0)));
        Assert.Equal([_g.Paint], Todos(new CollectionCountNode(P("Comments"), ComparisonOperator.GreaterThan, 1)));
    }

    [Fact]
    public void Backlinks_through_a_link_list_count_each_origin_once()
    {
        Assert.Equal([_g.Ann], _db.Where("SqlMember", new CollectionCountNode(P("Teams"), ComparisonOperator.Equal, 2)));
        Assert.Equal([_g.Bob], _db.Where("SqlMember", new CollectionCountNode(P("Teams"), ComparisonOperator.Equal, 1)));
        Assert.Equal([_g.Cy], _db.Where("SqlMember", new CollectionCountNode(P("Teams"), ComparisonOperator.Equal, 0)));
        Assert.Equal([_g.Ann], _db.Where("SqlMember", new CollectionAnyNode(P("Teams"), Eq(P("Name"), "Blue"))));
    }

    [Fact]
    public void Backlinks_can_be_reached_through_a_link()
    {
        Assert.Equal([_g.NiceComment, _g.NiceComment + 1], _db.Where("Comment",
            new CollectionCountNode(P("item", "Comments"), ComparisonOperator.GreaterThan, 1)));
    }

    [Fact]
    public void Misused_paths_explain_themselves()
    {
        Assert.Contains("'tags'", Assert.Throws<NotSupportedException>(() => Todos(Eq(P("tags"), "x"))).Message, StringComparison.Ordinal);
        Assert.Contains("'title'", Assert.Throws<NotSupportedException>(() => Todos(new CollectionCountNode(P("title"), ComparisonOperator.Equal, 1))).Message, StringComparison.Ordinal);
        Assert.Contains("priority", Assert.Throws<NotSupportedException>(() => Todos(Eq(P("priority", "x"), 1L))).Message, StringComparison.Ordinal);
        Assert.Contains("'tags'", Assert.Throws<NotSupportedException>(() => Todos(new DictionaryContainsKeyNode(P("tags"), "a"))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Todos(Eq(PropertyPath.Empty, 1L)));
        Assert.Throws<NotSupportedException>(() => Todos(new CollectionAnyNode(P("tags"), Eq(P("length"), 1L))));
        Assert.Throws<ArgumentException>(() => Todos(Eq(P("project"), "not a key")));
    }
}
