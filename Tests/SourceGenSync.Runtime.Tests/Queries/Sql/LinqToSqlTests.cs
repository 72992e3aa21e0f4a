using System;
using System.Linq;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>End to end: LINQ translated, compiled and run against the test graph.</summary>
public sealed class LinqToSqlTests : IDisposable
{
    private readonly SqlTestDatabase _db = new();
    private readonly SqlGraph _g;

    public LinqToSqlTests() => _g = new SqlGraph(_db);

    public void Dispose() => _db.Dispose();

    private long[] Run<T>(IQueryable<T> query) => _db.Keys(LinqTranslator.Translate(_db.Layout, query.Expression).Model);

    private static IQueryable<T> Source<T>() => LinqTestSupport.Source<T>();

    [Fact]
    public void Link_paths_and_case_insensitive_matches_run()
    {
        var query = Queryable.Where(Source<TodoItem>(), t => t.Project!.Name.StartsWith("HO", StringComparison.OrdinalIgnoreCase) && t.Priority > 1);

        Assert.Equal([_g.Paint], Run(query));
    }

    [Fact]
    public void Collection_predicates_and_backlinks_run()
    {
        Assert.Equal([_g.Home], Run(Queryable.Where(Source<Project>(), p => p.Items.Any(i => i.Tags.Contains("red")))));
        Assert.Equal([_g.Paint], Run(Queryable.Where(Source<TodoItem>(), t => t.Comments.Count() > 1)));
        Assert.Equal([_g.Ann], Run(Queryable.Where(Source<SqlMember>(), m => m.Teams.Any(team => team.Name == "Blue"))));
        Assert.Equal([_g.Paint, _g.Code], Run(Queryable.Where(Source<TodoItem>(), t => t.Counts.ContainsKey("a"))));
    }

    [Fact]
    public void Ordering_and_paging_run()
    {
        var ids = new[] { _g.PaintId, _g.MowId, _g.CodeId };
        var query = Queryable.Where(Source<TodoItem>(), t => ids.Contains(t.Id));
        var ordered = Queryable.OrderByDescending(query, t => t.Priority).Skip(1).Take(1);

        Assert.Equal([_g.Code], Run(ordered));
    }

    [Fact]
    public void Negated_null_checks_match_like_CSharp()
    {
        Assert.Equal([_g.Orphan], Run(Queryable.Where(Source<TodoItem>(), t => !(t.Project!.Name == "Home" || t.Project.Name == "Work"))));
        Assert.Equal([_g.Home], Run(Queryable.Where(Source<Project>(), p => p.Office != null && !(p.Office.City != "Paris"))));
    }
}
