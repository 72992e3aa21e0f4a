using System;
using SourceGenSync.Queries;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Generated;

/// <summary>The generated <c>Fields&lt;TRoot&gt;</c> surface builds the query AST and its text form.</summary>
public sealed class TypedQueryTests
{
    private static readonly TodoItem.Fields<TodoItem> F = new(PropertyPath.Empty);

    [Fact]
    public void Comparison_and_case_insensitive_contains_combine_into_the_documented_text()
    {
        var filter = F.Priority >= 3 & F.Title.Contains("x", caseSensitive: false);

        var formatted = QueryText.Format(filter.Node);

        Assert.Equal("priority >= $0 AND title CONTAINS[c] $1", filter.Node.ToString());
        Assert.Equal(RealmValueType.Int, formatted.Arguments[0].Type);
        Assert.Equal(3L, formatted.Arguments[0].AsInt64());
        Assert.Equal(RealmValueType.String, formatted.Arguments[1].Type);
        Assert.Equal("x", formatted.Arguments[1].AsString());
    }

    [Fact]
    public void Fields_through_a_link_use_the_stored_path()
    {
        var node = Assert.IsType<ComparisonNode>((F.Project.Name == "x").Node);

        Assert.Equal(PropertyPath.Of("project", "name"), node.Property);
        Assert.Equal("project.name == $0", node.ToString());
        Assert.Equal("project.Description TEXT $0", F.Project.Description.MatchesAll("a b").Node.ToString());
    }

    [Fact]
    public void Short_circuit_operators_build_the_same_tree_as_the_bitwise_ones()
    {
        var bitwise = (F.Priority > 1 & F.IsDone) | F.Title == "t";
        var logical = (F.Priority > 1 && F.IsDone) || F.Title == "t";

        Assert.Equal(bitwise, logical);
        Assert.Equal("priority > $0 AND isDone == $1 OR title == $2", logical.Node.ToString());
    }

    [Fact]
    public void Or_inside_And_keeps_its_parentheses()
    {
        var filter = (F.Priority < 1 | F.Priority > 5) & !F.IsDone;

        Assert.Equal("(priority < $0 OR priority > $1) AND isDone == $2", filter.Node.ToString());
    }

    [Fact]
    public void In_builds_one_typed_argument_per_value()
    {
        var filter = F.Priority.In(1, 2, 3);

        var node = Assert.IsType<InNode>(filter.Node);
        Assert.Equal("priority IN {$0, $1, $2}", node.ToString());
        Assert.All(QueryText.Format(node).Arguments, static a => Assert.Equal(RealmValueType.Int, a.Type));
    }

    [Fact]
    public void Null_checks_on_values_and_links()
    {
        Assert.Equal("dueAt == $0", F.DueAt.IsNull().Node.ToString());
        Assert.True(((ComparisonNode)F.DueAt.IsNull().Node).Value.IsNull);
        Assert.Equal("project != $0", F.Project.IsNotNull().Node.ToString());
        Assert.Equal(PropertyPath.Of("project"), ((ComparisonNode)F.Project.IsNull().Node).Property);
        Assert.True(((ComparisonNode)(F.DueAt == null).Node).Value.IsNull);
        Assert.Throws<InvalidOperationException>(() => F.IsNull());
    }

    [Fact]
    public void Collections_support_count_any_contains_and_keys()
    {
        Assert.Equal("tags.@count > $0", (F.Tags.Count > 2).Node.ToString());
        Assert.Equal("SUBQUERY(tags, $x, @self == $0).@count > 0", F.Tags.Contains("red").Node.ToString());
        Assert.Equal("SUBQUERY(tags, $x, @self BEGINSWITH $0).@count > 0", F.Tags.Any(t => t.StartsWith("r")).Node.ToString());
        Assert.Equal("counts.@keys == $0", F.Counts.ContainsKey("k").Node.ToString());
        Assert.Equal("SUBQUERY(counts, $x, @self > $0).@count > 0", F.Counts.Any(v => v > 1).Node.ToString());
        Assert.Equal("tags.@count > $0", F.Tags.Any().Node.ToString());
    }

    [Fact]
    public void Object_collections_and_backlinks_filter_their_elements_by_relative_paths()
    {
        var projects = new Project.Fields<Project>(PropertyPath.Empty);

        Assert.Equal("SUBQUERY(Items, $x, priority >= $0).@count > 0", projects.Items.Any(i => i.Priority >= 2).Node.ToString());
        Assert.Equal("Todos.@count == $0", (projects.Todos.Count == 0).Node.ToString());
        Assert.Equal("SUBQUERY(Comments, $x, Text CONTAINS $0).@count > 0", F.Comments.Any(c => c.Text.Contains("ok")).Node.ToString());
        Assert.Equal("ByKey.@keys == $0", projects.ByKey.ContainsKey("k").Node.ToString());
    }

    [Fact]
    public void Values_of_every_field_type_become_typed_arguments()
    {
        var all = new AllTypes.Fields<AllTypes>(PropertyPath.Empty);
        var id = ObjectId.GenerateNewId();
        var guid = Guid.NewGuid();

        Assert.Equal(RealmValue.Create(id), Argument(all.ObjectId == id));
        Assert.Equal(RealmValue.Create(guid), Argument(all.Guid == guid));
        Assert.Equal(RealmValue.Create(200L), Argument(all.Color == Color.Blue));
        Assert.Equal(RealmValue.Create(1.5m), Argument(all.Decimal > 1.5m));
        Assert.Equal(RealmValue.Create(0.5f), Argument(all.Float < 0.5f));
        Assert.Equal(RealmValue.Create(new byte[] { 1 }), Argument(all.Data == new byte[] { 1 }));
        Assert.Equal(RealmValue.Create(true), Argument(all.OptionalFlag == true));
        Assert.True(Argument(all.OptionalColor == null).IsNull);
        Assert.Equal(RealmValue.Create(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Argument(all.Timestamp >= new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(RealmValue.Create(5L), Argument(all.LongCounter > 5L));
    }

    [Fact]
    public void Generated_Where_appends_a_marker_and_LINQ_to_objects_refuses_to_run_it()
    {
        var source = System.Linq.Queryable.AsQueryable(new[] { new TodoItem { Priority = 5 } });

        var query = source.Where(f => f.Priority >= 3 & f.Title.Contains("x", caseSensitive: false));

        var call = Assert.IsAssignableFrom<System.Linq.Expressions.MethodCallExpression>(query.Expression);
        Assert.True(RealmQueryable.IsFilterMarker(call.Method));
        var error = Assert.Throws<NotSupportedException>(() => System.Linq.Enumerable.ToList(query));
        Assert.Contains("priority >= $0 AND title CONTAINS[c] $1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_OrderBy_and_ThenByDescending_carry_sort_clauses_with_stored_paths()
    {
        var source = System.Linq.Queryable.AsQueryable(Array.Empty<TodoItem>());

        var query = source.OrderBy(f => f.DueAt).ThenByDescending(f => f.Project.Name);

        var thenBy = (System.Linq.Expressions.MethodCallExpression)query.Expression;
        Assert.True(RealmQueryable.IsSortMarker(thenBy.Method));
        var clause = Assert.IsType<SortClause>(((System.Linq.Expressions.ConstantExpression)thenBy.Arguments[1]).Value);
        Assert.Equal(new SortClause(PropertyPath.Of("project", "name"), Ascending: false), clause);
    }

    private static RealmValue Argument<T>(QueryFilter<T> filter) => Assert.Single(QueryText.Format(filter.Node).Arguments);
}
