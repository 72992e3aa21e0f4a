using System;
using System.Linq;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>
/// LINQ and typed queries executed through a real realm (translation and SQL have their own unit tests). The
/// generated typed <c>Where</c>/<c>OrderBy</c> win over LINQ's for model classes, so LINQ lambdas are passed to
/// <see cref="Queryable"/> explicitly.
/// </summary>
public sealed class QuerySmokeTests : IDisposable
{
    private readonly TempRealm _temp = new();
    private readonly Realm _realm;
    private readonly Project _alpha;

    public QuerySmokeTests()
    {
        _realm = _temp.Open();
        _alpha = new Project { Id = Guid.NewGuid(), Name = "Alpha" };
        var beta = new Project { Id = Guid.NewGuid(), Name = "beta" };
        _realm.Write(() =>
        {
            _realm.Add(Todo("Buy milk", 1, _alpha, done: false));
            _realm.Add(Todo("buy bread", 3, _alpha, done: true));
            _realm.Add(Todo("Fix bike", 2, beta, done: false));
            _realm.Add(Todo("Write report x", 5, beta, done: false));
            _realm.Add(Todo("Call mom", 3, null, done: false));
        });
    }

    public void Dispose() => _temp.Dispose();

    private IQueryable<TodoItem> Todos => _realm.All<TodoItem>();

    private static TodoItem Todo(string title, int priority, Project? project, bool done) =>
        new() { Id = ObjectId.GenerateNewId(), Title = title, Priority = priority, Project = project, IsDone = done };

    [Fact]
    public void Where_OrderBy_ThenByDescending_returns_the_matching_objects_in_order()
    {
        var titles = Queryable.ThenByDescending(Queryable.OrderBy(Queryable.Where(Todos, t => t.Priority >= 2 && !t.IsDone), t => t.Priority), t => t.Title)
            .Select(t => t.Title).ToList();

        Assert.Equal(["Fix bike", "Call mom", "Write report x"], titles);
    }

    [Fact]
    public void First_FirstOrDefault_and_Single_follow_LINQ_rules()
    {
        var ordered = Queryable.OrderBy(Todos, t => t.Priority);

        Assert.Equal("Buy milk", ordered.First().Title);
        Assert.Equal("Fix bike", Queryable.First(ordered, t => t.Priority > 1).Title);
        Assert.Null(Queryable.FirstOrDefault(Todos, t => t.Priority > 100));
        Assert.Throws<InvalidOperationException>(() => Queryable.First(Todos, t => t.Priority > 100));
        Assert.Equal("Fix bike", Queryable.Single(Todos, t => t.Priority == 2).Title);
        Assert.Throws<InvalidOperationException>(() => Queryable.Single(Todos, t => t.Priority == 3));
        Assert.Null(Queryable.SingleOrDefault(Todos, t => t.Priority == 99));
    }

    [Fact]
    public void Any_Count_ElementAt_Skip_and_Take_work_on_the_database()
    {
        var ordered = Queryable.OrderBy(Todos, t => t.Title);

        Assert.True(Queryable.Any(Todos, t => t.IsDone));
        Assert.False(Queryable.Any(Todos, t => t.Priority < 0));
        Assert.Equal(5, Todos.Count());
        Assert.Equal(2, Queryable.Count(Todos, t => t.Priority == 3));
        Assert.Equal("Call mom", ordered.ElementAt(1).Title);
        Assert.Equal(["Call mom", "Fix bike"], ordered.Skip(1).Take(2).Select(t => t.Title).ToList());
        Assert.Throws<ArgumentOutOfRangeException>(() => ordered.ElementAt(10));
    }

    [Fact]
    public void Contains_over_a_list_of_values_and_case_insensitive_StartsWith_filter()
    {
        var wanted = new[] { 1, 5 };

        var byList = Queryable.Where(Todos, t => wanted.Contains(t.Priority)).Select(t => t.Title).ToList();
        var byPrefix = Queryable.Where(Todos, t => t.Title.StartsWith("BUY", StringComparison.OrdinalIgnoreCase)).Select(t => t.Title).ToList();

        Assert.Equal(["Buy milk", "Write report x"], byList.Order());
        Assert.Equal(["Buy milk", "buy bread"], byPrefix.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_link_path_filters_by_the_linked_object_property()
    {
        var titles = Queryable.Where(Todos, t => t.Project!.Name == "Alpha").Select(t => t.Title).ToList();

        Assert.Equal(["Buy milk", "buy bread"], titles.Order(StringComparer.Ordinal));
        Assert.Equal(4, Queryable.Count(Todos, t => t.Project != null));
    }

    [Fact]
    public void Sum_Min_Max_and_Average_aggregate_in_the_database()
    {
        Assert.Equal(14, Todos.Sum(t => t.Priority));
        Assert.Equal(1, Todos.Min(t => t.Priority));
        Assert.Equal(5, Todos.Max(t => t.Priority));
        Assert.Equal(2.8, Todos.Average(t => t.Priority), 10);
        Assert.Equal(0, Queryable.Where(Todos, t => t.Priority > 100).Sum(t => t.Priority));
        Assert.Null(Queryable.Where(Todos, t => t.Priority > 100).Max(t => (int?)t.Priority));
    }

    [Fact]
    public void Select_projects_each_object()
    {
        var rows = Queryable.Where(Todos, t => t.IsDone).Select(t => new { t.Title, Doubled = t.Priority * 2 }).ToList();

        Assert.Equal([new { Title = "buy bread", Doubled = 6 }], rows);
    }

    [Fact]
    public void Generated_typed_fields_filter_and_order()
    {
        var titles = Todos.Where(f => f.Priority >= 3 & f.Title.Contains("x")).OrderBy(f => f.Priority).Select(t => t.Title).ToList();
        var ordered = Todos.Where(f => f.Priority >= 3).OrderByDescending(f => f.Priority).ThenBy(f => f.Title).Select(t => t.Title).ToList();

        Assert.Equal(["Write report x"], titles);
        Assert.Equal(["Write report x", "Call mom", "buy bread"], ordered);
    }

    [Fact]
    public void Typed_and_LINQ_filters_compose_on_one_query()
    {
        var count = Queryable.Count(Todos.Where(f => f.Project.Name == "beta"), t => t.Priority > 2);

        Assert.Equal(1, count);
    }

    [Fact]
    public void Results_are_live_and_show_new_data_when_enumerated_after_a_commit()
    {
        var urgent = Queryable.Where(Todos, t => t.Priority >= 5);
        Assert.Single(urgent);

        _realm.Write(() =>
        {
            _realm.Add(Todo("Pay taxes", 9, null, done: false));
            _realm.Find<TodoItem>(urgent.First().Id)!.Priority = 0;
        });

        Assert.Equal(["Pay taxes"], urgent.Select(t => t.Title).ToList());
        Assert.Single(urgent);
    }

    [Fact]
    public void Results_see_uncommitted_changes_of_their_own_write_transaction()
    {
        var all = _realm.All<DbNode>();
        Assert.Empty(all);

        _realm.Write(() =>
        {
            _realm.Add(new DbNode { Name = "n" });
            Assert.Single(all);
        });
    }

    [Fact]
    public void An_unsupported_expression_throws_NotSupportedException_naming_it()
    {
        var error = Assert.Throws<NotSupportedException>(() => Queryable.Where(Todos, t => t.Title.GetHashCode() == 1).ToList());

        Assert.Contains("GetHashCode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backlinks_return_the_objects_linking_here_and_stay_live()
    {
        var todo = Queryable.Single(Todos, t => t.Title == "Buy milk");
        _realm.Write(() =>
        {
            _realm.Add(new Comment { Id = 1, Text = "skimmed", Item = todo });
            _realm.Add(new Comment { Id = 2, Text = "2 litres", Item = todo });
            _realm.Add(new Comment { Id = 3, Text = "other", Item = Queryable.Single(Todos, t => t.Title == "Fix bike") });
        });
        var comments = todo.Comments;

        Assert.Equal(["2 litres", "skimmed"], comments.Select(c => c.Text).ToList().Order(StringComparer.Ordinal));
        Assert.Equal(["Buy milk", "buy bread"], _alpha.Todos.Select(t => t.Title).ToList().Order(StringComparer.Ordinal));
        Assert.Equal(1, Queryable.Count(_alpha.Todos, t => t.IsDone));

        _realm.Write(() => _realm.Remove(_realm.Find<Comment>(1)!));

        Assert.Equal(["2 litres"], comments.Select(c => c.Text).ToList());
    }
}
