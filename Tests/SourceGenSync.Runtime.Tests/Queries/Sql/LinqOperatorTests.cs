using System;
using System.Linq;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Queries;
using SourceGenSync.Runtime.Tests.Models;
using static SourceGenSync.Runtime.Tests.Queries.Sql.LinqTestSupport;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>Query operators, typed markers and terminal operators translate to the expected query model.</summary>
public sealed class LinqOperatorTests
{
    private static readonly TodoItem.Fields<TodoItem> F = new(PropertyPath.Empty);

    private static IQueryable<TodoItem> Todos => Source<TodoItem>();

    private static QueryModel Model(QueryNode? filter = null, SortClause[]? sorts = null, long? skip = null, long? take = null) =>
        new("TodoItem", filter ?? TruePredicate.Instance, [.. sorts ?? []], skip, take);

    private static SortClause Asc(params string[] path) => new(P(path), true);

    private static SortClause Desc(params string[] path) => new(P(path), false);

    [Fact]
    public void The_root_is_the_whole_class_in_insertion_order()
    {
        var translated = Translate(Todos);

        Assert.Equal(Model(), translated.Model);
        Assert.Equal(QueryTerminal.None, translated.Terminal);
        Assert.True(translated.Projections.IsEmpty);
    }

    [Fact]
    public void Typed_filters_and_LINQ_filters_combine_with_AND()
    {
        var query = Queryable.Where(RealmQueryable.Where(Todos, F.Priority >= 3), t => t.IsDone);

        Assert.Equal(Model(new AndNode(Cmp(P("priority"), ComparisonOperator.GreaterThanOrEqual, 3L), Eq(P("isDone"), true))), Translate(query).Model);
    }

    [Fact]
    public void Typed_orderings_and_LINQ_orderings_build_the_sort_list()
    {
        var typed = RealmQueryable.ThenBy(RealmQueryable.OrderBy(Todos, F.Priority, ascending: false), F.Title, ascending: true);
        // Queryable's operators by name: on model types the generated typed OrderBy/ThenBy would bind first.
        var linq = Queryable.ThenBy(Queryable.ThenByDescending(Queryable.OrderBy(Todos, t => t.Project!.Name), t => t.Priority), t => t.DueAt);

        Assert.Equal(Model(sorts: [Desc("priority"), Asc("title")]), Translate(typed).Model);
        Assert.Equal(Model(sorts: [Asc("project", "name"), Desc("priority"), Asc("dueAt")]), Translate(linq).Model);
    }

    [Fact]
    public void A_later_OrderBy_becomes_the_primary_key_like_a_stable_re_sort()
    {
        var linq = Queryable.OrderByDescending(Queryable.OrderBy(Todos, t => t.Title), t => t.Priority);
        var typed = Todos.OrderBy(t => t.Title).OrderByDescending(t => t.Priority);

        Assert.Equal(Model(sorts: [Desc("priority"), Asc("title")]), Translate(linq).Model);
        Assert.Equal(Model(sorts: [Desc("priority"), Asc("title")]), Translate(typed).Model);
    }

    [Theory]
    [InlineData("skip2,take3", 2L, 3L)]
    [InlineData("take5,skip2", 2L, 3L)]
    [InlineData("take2,skip5", 5L, 0L)]
    [InlineData("skip1,skip2", 3L, null)]
    [InlineData("take5,take3", null, 3L)]
    [InlineData("take3,take5", null, 3L)]
    [InlineData("take-1", null, 0L)]
    [InlineData("skip-4,take1", 0L, 1L)]
    public void Skip_and_Take_compose_in_order(string steps, long? skip, long? take)
    {
        var query = Todos;
        foreach (var step in steps.Split(','))
        {
            var count = int.Parse(step[4..], System.Globalization.CultureInfo.InvariantCulture);
            query = step.StartsWith("skip", StringComparison.Ordinal) ? query.Skip(count) : query.Take(count);
        }

        Assert.Equal(Model(skip: skip, take: take), Translate(query).Model);
    }

    [Fact]
    public void First_and_Single_limit_the_rows_and_take_a_predicate()
    {
        var first = Translate<TodoItem, TodoItem?>(q => q.FirstOrDefault(t => t.IsDone));
        var single = Translate<TodoItem, TodoItem>(q => q.Single());

        Assert.Equal(Model(Eq(P("isDone"), true), take: 1), first.Model);
        Assert.Equal(QueryTerminal.FirstOrDefault, first.Terminal);
        Assert.Equal(Model(take: 2), single.Model);
        Assert.Equal(QueryTerminal.Single, single.Terminal);
        Assert.Equal(QueryTerminal.First, Translate<TodoItem, TodoItem>(q => q.First()).Terminal);
        Assert.Equal(QueryTerminal.SingleOrDefault, Translate<TodoItem, TodoItem?>(q => q.SingleOrDefault(t => t.IsDone)).Terminal);
    }

    [Fact]
    public void Last_Any_Count_and_LongCount_keep_the_model()
    {
        var last = Translate<TodoItem, TodoItem?>(q => q.OrderBy(t => t.Priority).LastOrDefault());
        var any = Translate<TodoItem, bool>(q => q.Any(t => t.Priority > 1));
        var count = Translate<TodoItem, int>(q => q.Count());
        var longCount = Translate<TodoItem, long>(q => q.Skip(1).LongCount());

        Assert.Equal((Model(sorts: [Asc("priority")]), QueryTerminal.LastOrDefault), (last.Model, last.Terminal));
        Assert.Equal((Model(Cmp(P("priority"), ComparisonOperator.GreaterThan, 1L)), QueryTerminal.Any), (any.Model, any.Terminal));
        Assert.Equal((Model(), QueryTerminal.Count), (count.Model, count.Terminal));
        Assert.Equal((Model(skip: 1), QueryTerminal.LongCount), (longCount.Model, longCount.Terminal));
        Assert.Equal(QueryTerminal.Last, Translate<TodoItem, TodoItem>(q => q.Last(t => t.IsDone)).Terminal);
    }

    [Fact]
    public void All_becomes_no_row_failing_the_predicate()
    {
        var all = Translate<TodoItem, bool>(q => q.All(t => t.IsDone));

        Assert.Equal(QueryTerminal.All, all.Terminal);
        Assert.Equal(Model(new NotNode(Eq(P("isDone"), true))), all.Model);
    }

    [Fact]
    public void ElementAt_skips_to_the_index()
    {
        var at = Translate<TodoItem, TodoItem>(q => q.Skip(2).ElementAt(3));
        var fromIndex = Translate<TodoItem, TodoItem?>(q => q.ElementAtOrDefault(new Index(1)));
        var negative = Translate<TodoItem, TodoItem?>(q => q.ElementAtOrDefault(-1));

        Assert.Equal((Model(skip: 5, take: 1), QueryTerminal.ElementAt, 3L), (at.Model, at.Terminal, at.ElementIndex));
        Assert.Equal(Model(skip: 1, take: 1), fromIndex.Model);
        Assert.Equal((Model(take: 0), -1L), (negative.Model, negative.ElementIndex));
    }

    [Fact]
    public void Aggregates_read_a_property_path()
    {
        var sum = Translate<TodoItem, int>(q => q.Where(t => t.IsDone).Sum(t => t.Priority));
        var max = Translate<TodoItem, string?>(q => q.Max(t => t.Project!.Name));
        var average = Translate<AllTypes, double>(q => q.Select(a => a.Int).Average());
        var min = Translate<AllTypes, decimal?>(q => q.Min(a => a.OptionalDecimal));

        Assert.Equal((Model(Eq(P("isDone"), true)), QueryTerminal.Sum, P("priority")), (sum.Model, sum.Terminal, sum.AggregatePath));
        Assert.Equal((QueryTerminal.Max, P("project", "name")), (max.Terminal, max.AggregatePath));
        Assert.Equal((QueryTerminal.Average, P("Int"), AggregateKind.Average), (average.Terminal, average.AggregatePath, average.Aggregate!.Value));
        Assert.Equal(P("OptionalDecimal"), min.AggregatePath);
        Assert.True(average.Projections.IsEmpty);
    }

    [Fact]
    public void Select_is_kept_as_in_memory_projections_in_order()
    {
        var query = Todos.Where(t => t.IsDone).Select(t => t.Title).Select(title => title.Length).Skip(1);
        var first = Translate<TodoItem, string>(q => q.Select(t => t.Title).First());
        var count = Translate<TodoItem, int>(q => q.Select(t => t.Title).Count());

        var translated = Translate(query);

        Assert.Equal(Model(Eq(P("isDone"), true), skip: 1), translated.Model);
        Assert.Equal(2, translated.Projections.Length);
        Assert.Equal("t => t.Title", translated.Projections[0].ToString());
        Assert.Single(first.Projections);
        Assert.True(count.Projections.IsEmpty);
    }

    [Fact]
    public void A_root_carrying_a_query_starts_from_it()
    {
        var baseModel = QueryModel.All("TodoItem").Where(Eq(P("ownerId"), "me"));
        var root = new ModelRoot(baseModel);

        var translated = LinqTranslator.Translate(Layout, Queryable.Where(root, t => t.IsDone).Expression);

        Assert.Equal(baseModel.Where(Eq(P("isDone"), true)), translated.Model);
    }

    private sealed class ModelRoot(QueryModel model) : IQueryable<TodoItem>, IQueryModelSource
    {
        private readonly TestQueryable<TodoItem> _inner = new();

        public QueryModel Model => model;

        public Type ElementType => typeof(TodoItem);

        public System.Linq.Expressions.Expression Expression => System.Linq.Expressions.Expression.Constant(this);

        public IQueryProvider Provider => _inner.Provider;

        public System.Collections.Generic.IEnumerator<TodoItem> GetEnumerator() => throw new NotSupportedException();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
