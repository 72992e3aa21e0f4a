using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Queries;
using SourceGenSync.Runtime.Tests.Models;
using static SourceGenSync.Runtime.Tests.Queries.Sql.LinqTestSupport;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>LINQ predicates translate to the query AST with stored property names.</summary>
public sealed class LinqPredicateTests
{
    private readonly int _threshold = 4;

    private sealed class Holder
    {
        public string Name { get; init; } = "held";

        public Holder? Inner { get; init; }
    }

    [Fact]
    public void Comparisons_use_stored_names_and_put_the_property_first()
    {
        Assert.Equal(Cmp(P("priority"), ComparisonOperator.GreaterThanOrEqual, 3L), Filter<TodoItem>(t => t.Priority >= 3));
        Assert.Equal(Cmp(P("priority"), ComparisonOperator.GreaterThan, 3L), Filter<TodoItem>(t => 3 < t.Priority));
        Assert.Equal(Cmp(P("priority"), ComparisonOperator.LessThanOrEqual, 3L), Filter<TodoItem>(t => 3 >= t.Priority));
        Assert.Equal(Cmp(P("title"), ComparisonOperator.NotEqual, "x"), Filter<TodoItem>(t => "x" != t.Title));
        Assert.Equal(Eq(P("priority"), 5L), Filter<TodoItem>(t => t.Priority.Equals(5)));
        Assert.Equal(Eq(P("Guid"), Guid.Empty), Filter<AllTypes>(a => Guid.Empty.Equals(a.Guid)));
    }

    [Fact]
    public void Captured_variables_fields_and_simple_calls_become_values()
    {
        var local = 2;
        var holder = new Holder { Inner = new Holder { Name = "deep" } };

        Assert.Equal(Eq(P("priority"), 2L), Filter<TodoItem>(t => t.Priority == local));
        Assert.Equal(Eq(P("priority"), 4L), Filter<TodoItem>(t => t.Priority == _threshold));
        Assert.Equal(Eq(P("title"), "deep"), Filter<TodoItem>(t => t.Title == holder.Inner!.Name));
        Assert.Equal(Eq(P("priority"), 7L), Filter<TodoItem>(t => t.Priority == Math.Max(local, 7)));
        Assert.Equal(Eq(P("priority"), 5L), Filter<TodoItem>(t => t.Priority == local + 3));
        Assert.Equal(Eq(P("dueAt"), new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero)),
            Filter<TodoItem>(t => t.DueAt == new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Logical_operators_keep_their_structure()
    {
        var expected = new OrNode(
            new AndNode(Cmp(P("priority"), ComparisonOperator.GreaterThan, 1L), new NotNode(new StringNode(P("title"), StringOperator.Contains, "x", true))),
            Eq(P("isDone"), true));

        Assert.Equal(expected, Filter<TodoItem>(t => (t.Priority > 1 && !t.Title.Contains("x")) || t.IsDone));
        Assert.Equal(new AndNode(Eq(P("isDone"), true), Eq(P("priority"), 1L)), Filter<TodoItem>(t => t.IsDone & t.Priority == 1));
    }

    [Fact]
    public void Bool_members_are_conditions_and_negate_to_false()
    {
        Assert.Equal(Eq(P("isDone"), true), Filter<TodoItem>(t => t.IsDone));
        Assert.Equal(Eq(P("isDone"), false), Filter<TodoItem>(t => !t.IsDone));
        Assert.Equal(Eq(P("OptionalFlag"), true), Filter<AllTypes>(a => a.OptionalFlag == true));
        Assert.Equal(Eq(P("OptionalFlag"), true), Filter<AllTypes>(a => a.OptionalFlag!.Value));
    }

    [Fact]
    public void Parameter_free_conditions_are_folded()
    {
        var on = true;
        var off = false;

        Assert.Equal(Eq(P("isDone"), true), Filter<TodoItem>(t => on && t.IsDone));
        Assert.Equal(new NotNode(TruePredicate.Instance), Filter<TodoItem>(t => off && t.IsDone));
        Assert.Equal(Eq(P("isDone"), true), Filter<TodoItem>(t => off || t.IsDone));
        Assert.Equal(TruePredicate.Instance, Filter<TodoItem>(t => on || t.IsDone));
    }

    [Fact]
    public void Null_checks_and_nullable_members()
    {
        var when = DateTimeOffset.UnixEpoch;

        Assert.Equal(Eq(P("project"), RealmValue.Null), Filter<TodoItem>(t => t.Project == null));
        Assert.Equal(Cmp(P("project"), ComparisonOperator.NotEqual, RealmValue.Null), Filter<TodoItem>(t => null != t.Project));
        Assert.Equal(Cmp(P("dueAt"), ComparisonOperator.NotEqual, RealmValue.Null), Filter<TodoItem>(t => t.DueAt.HasValue));
        Assert.Equal(Eq(P("dueAt"), RealmValue.Null), Filter<TodoItem>(t => !t.DueAt.HasValue));
        Assert.Equal(Cmp(P("dueAt"), ComparisonOperator.GreaterThan, when), Filter<TodoItem>(t => t.DueAt!.Value > when));
        Assert.Equal(Eq(P("OptionalText"), RealmValue.Null), Filter<AllTypes>(a => a.OptionalText == null));
    }

    [Fact]
    public void Member_chains_walk_links_and_embedded_objects()
    {
        Assert.Equal(Eq(P("project", "name"), "x"), Filter<TodoItem>(t => t.Project!.Name == "x"));
        Assert.Equal(Eq(P("project", "Office", "City"), "Paris"), Filter<TodoItem>(t => t.Project!.Office!.City == "Paris"));
        Assert.Equal(Eq(P("item", "project", "Id"), Guid.Empty), Filter<Comment>(c => c.Item!.Project!.Id == Guid.Empty));
    }

    [Fact]
    public void Enums_compare_as_their_underlying_integer()
    {
        var captured = Color.Green;
        Color? nullable = Color.Red;

        Assert.Equal(Eq(P("Color"), 200L), Filter<AllTypes>(a => a.Color == Color.Blue));
        Assert.Equal(Cmp(P("Color"), ComparisonOperator.NotEqual, 2L), Filter<AllTypes>(a => a.Color != captured));
        Assert.Equal(Eq(P("OptionalColor"), 1L), Filter<AllTypes>(a => a.OptionalColor == nullable));
        Assert.Equal(Eq(P("OptionalColor"), RealmValue.Null), Filter<AllTypes>(a => a.OptionalColor == null));
    }

    [Fact]
    public void Every_value_type_converts_to_its_realm_value()
    {
        short s = 3;
        var dateTime = new DateTime(2024, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        var guid = Guid.NewGuid();
        var id = ObjectId.GenerateNewId();
        var bytes = new byte[] { 1, 2 };

        Assert.Equal(Eq(P("Byte"), 5L), Filter<AllTypes>(a => a.Byte == 5));
        Assert.Equal(Cmp(P("Short"), ComparisonOperator.LessThan, 3L), Filter<AllTypes>(a => a.Short < s));
        Assert.Equal(Eq(P("Long"), 5L), Filter<AllTypes>(a => a.Long == 5L));
        Assert.Equal(Eq(P("Float"), 1.5f), Filter<AllTypes>(a => a.Float == 1.5f));
        Assert.Equal(Eq(P("Double"), 2.5), Filter<AllTypes>(a => a.Double == 2.5));
        Assert.Equal(Eq(P("Decimal"), 1.25m), Filter<AllTypes>(a => a.Decimal == 1.25m));
        Assert.Equal(Eq(P("Timestamp"), SourceGenSync.Internal.ValueConversions.FromDateTime(dateTime)), Filter<AllTypes>(a => a.Timestamp == dateTime));
        Assert.Equal(Eq(P("Guid"), guid), Filter<AllTypes>(a => a.Guid == guid));
        Assert.Equal(Eq(P("ObjectId"), id), Filter<AllTypes>(a => a.ObjectId == id));
        Assert.Equal(Eq(P("Data"), new byte[] { 1, 2 }), Filter<AllTypes>(a => a.Data == bytes));
        Assert.Equal(Eq(P("Mixed"), 5L), Filter<AllTypes>(a => a.Mixed == 5));
        Assert.Equal(Eq(P("OptionalDouble"), 0.5), Filter<AllTypes>(a => a.OptionalDouble == 0.5));
    }

    [Fact]
    public void Counters_compare_their_value()
    {
        Assert.Equal(Cmp(P("views"), ComparisonOperator.GreaterThan, 5L), Filter<TodoItem>(t => t.Views > 5));
        Assert.Equal(Eq(P("IntCounter"), 3L), Filter<AllTypes>(a => a.IntCounter == 3));
        Assert.Equal(Cmp(P("LongCounter"), ComparisonOperator.LessThan, 9L), Filter<AllTypes>(a => a.LongCounter.Value < 9));
    }

    [Fact]
    public void String_methods_map_to_string_matches_with_case_rules()
    {
        var prefix = "ab";

        Assert.Equal(new StringNode(P("title"), StringOperator.Contains, "x", true), Filter<TodoItem>(t => t.Title.Contains("x")));
        Assert.Equal(new StringNode(P("title"), StringOperator.StartsWith, "ab", false), Filter<TodoItem>(t => t.Title.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(new StringNode(P("title"), StringOperator.EndsWith, "z", true), Filter<TodoItem>(t => t.Title.EndsWith('z')));
        Assert.Equal(new StringNode(P("title"), StringOperator.Contains, "q", false), Filter<TodoItem>(t => t.Title.Contains("q", StringComparison.InvariantCultureIgnoreCase)));
        Assert.Equal(new StringNode(P("title"), StringOperator.EndsWith, "e", false), Filter<TodoItem>(t => t.Title.EndsWith("e", true, null)));
        Assert.Equal(new StringNode(P("title"), StringOperator.Equal, "Hi", false), Filter<TodoItem>(t => t.Title.Equals("Hi", StringComparison.CurrentCultureIgnoreCase)));
        Assert.Equal(new StringNode(P("title"), StringOperator.Equal, "Hi", true), Filter<TodoItem>(t => string.Equals("Hi", t.Title, StringComparison.Ordinal)));
        Assert.Equal(Eq(P("title"), "Hi"), Filter<TodoItem>(t => t.Title.Equals("Hi")));
        Assert.Equal(Eq(P("title"), "Hi"), Filter<TodoItem>(t => string.Equals(t.Title, "Hi")));
        Assert.Equal(new OrNode(Eq(P("OptionalText"), RealmValue.Null), Eq(P("OptionalText"), "")), Filter<AllTypes>(a => string.IsNullOrEmpty(a.OptionalText)));
    }

    [Fact]
    public void QueryMethods_map_to_like_and_full_text_search()
    {
        Assert.Equal(new StringNode(P("title"), StringOperator.Like, "a*b?", true), Filter<TodoItem>(t => QueryMethods.Like(t.Title, "a*b?", true)));
        Assert.Equal(new StringNode(P("title"), StringOperator.Like, "a*", false), Filter<TodoItem>(t => QueryMethods.Like(t.Title, "a*", false)));
        Assert.Equal(new FullTextNode(P("Description"), "big -red"), Filter<Project>(p => QueryMethods.FullTextSearch(p.Description, "big -red")));
        Assert.Throws<NotSupportedException>(() => QueryMethods.Like("a", "a"));
    }

    [Fact]
    public void Contains_on_captured_values_becomes_IN()
    {
        var array = new[] { 1, 2 };
        var list = new List<string> { "a", "b" };
        var set = new HashSet<Color> { Color.Blue };
        IEnumerable<long> sequence = Enumerable.Range(7, 2).Select(static i => (long)i);

        Assert.Equal(new InNode(P("priority"), [1L, 2L]), Filter<TodoItem>(t => array.Contains(t.Priority)));
        Assert.Equal(new InNode(P("title"), ["a", "b"]), Filter<TodoItem>(t => list.Contains(t.Title)));
        Assert.Equal(new InNode(P("Color"), [200L]), Filter<AllTypes>(a => set.Contains(a.Color)));
        Assert.Equal(new InNode(P("Long"), [7L, 8L]), Filter<AllTypes>(a => sequence.Contains(a.Long)));
        Assert.Equal(new InNode(P("priority"), [3L, 4L]), Filter<TodoItem>(t => new[] { 3, 4 }.Contains(t.Priority)));
    }

    [Fact]
    public void Collection_membership_any_all_and_count()
    {
        Assert.Equal(new CollectionAnyNode(P("tags"), Eq(PropertyPath.Empty, "x")), Filter<TodoItem>(t => t.Tags.Contains("x")));
        Assert.Equal(new CollectionCountNode(P("tags"), ComparisonOperator.GreaterThan, 0), Filter<TodoItem>(t => t.Tags.Any()));
        Assert.Equal(new CollectionAnyNode(P("tags"), new StringNode(PropertyPath.Empty, StringOperator.StartsWith, "a", true)),
            Filter<TodoItem>(t => t.Tags.Any(tag => tag.StartsWith("a"))));
        Assert.Equal(new CollectionAnyNode(P("Items"), Cmp(P("priority"), ComparisonOperator.GreaterThan, 3L)), Filter<Project>(p => p.Items.Any(i => i.Priority > 3)));
        Assert.Equal(new NotNode(new CollectionAnyNode(P("Items"), Eq(P("isDone"), false))), Filter<Project>(p => p.Items.All(i => i.IsDone)));
        Assert.Equal(new CollectionCountNode(P("Items"), ComparisonOperator.GreaterThan, 2), Filter<Project>(p => p.Items.Count > 2));
        Assert.Equal(new CollectionCountNode(P("Starred"), ComparisonOperator.LessThan, 1), Filter<Project>(p => 1 > p.Starred.Count()));
        Assert.Equal(new CollectionCountNode(P("tags"), ComparisonOperator.Equal, 2), Filter<TodoItem>(t => t.Tags.LongCount() == 2));
    }

    [Fact]
    public void Dictionaries_and_backlinks()
    {
        Assert.Equal(new DictionaryContainsKeyNode(P("counts"), "a"), Filter<TodoItem>(t => t.Counts.ContainsKey("a")));
        Assert.Equal(new CollectionAnyNode(P("counts"), Cmp(PropertyPath.Empty, ComparisonOperator.GreaterThan, 3L)), Filter<TodoItem>(t => t.Counts.Values.Any(v => v > 3)));
        Assert.Equal(new CollectionCountNode(P("counts"), ComparisonOperator.Equal, 0), Filter<TodoItem>(t => t.Counts.Count == 0));
        Assert.Equal(new CollectionAnyNode(P("Comments"), Eq(P("Text"), "hi")), Filter<TodoItem>(t => t.Comments.Any(c => c.Text == "hi")));
        Assert.Equal(new CollectionCountNode(P("Todos"), ComparisonOperator.GreaterThanOrEqual, 2), Filter<Project>(p => p.Todos.Count() >= 2));
        Assert.Equal(new CollectionAnyNode(P("ByKey"), Eq(PropertyPath.Empty, RealmValue.Null)), Filter<Project>(p => p.ByKey.Values.Any(v => v == null)));
        Assert.Equal(new CollectionAnyNode(P("Branches"), Eq(P("City"), "Lyon")), Filter<Project>(p => p.Branches.Any(b => b.City == "Lyon")));
    }
}
