using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Runtime.Tests.Models;
using static SourceGenSync.Runtime.Tests.Queries.Sql.LinqTestSupport;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>What cannot be translated fails with NotSupportedException naming the expression.</summary>
public sealed class LinqUnsupportedTests
{
    private static IQueryable<TodoItem> Todos => Source<TodoItem>();

    [Fact]
    public void A_method_on_a_property_names_the_expression()
    {
        var error = Unsupported<TodoItem>(t => t.Title.ToUpper() == "X");

        Assert.Contains("'t.Title.ToUpper()'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported in a realm query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparing_two_properties_is_not_supported()
    {
        var error = Unsupported<TodoItem>(t => t.Priority == t.Views);

        Assert.Contains("two properties", error.Message, StringComparison.Ordinal);
        Unsupported<Project>(p => p.Items.Any(i => i.Priority > p.Todos.Count()));
        Unsupported<TodoItem>(t => t.Title.Contains(t.OwnerId));
    }

    [Fact]
    public void Ignored_and_computed_members_are_named()
    {
        Assert.Contains("'Draft'", Unsupported<TodoItem>(t => t.Draft == "x").Message, StringComparison.Ordinal);
        Assert.Contains("t.Title.Length", Unsupported<TodoItem>(t => t.Title.Length > 3).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_compare_only_with_null()
    {
        var project = new Project();

        Assert.Contains("primary key", Unsupported<TodoItem>(t => t.Project == project).Message, StringComparison.Ordinal);
        Assert.Contains("Count", Unsupported<TodoItem>(t => t.Tags == null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_shapes_inside_predicates()
    {
        Unsupported<TodoItem>(t => (t.Priority > 1 ? t.IsDone : !t.IsDone));
        Unsupported<TodoItem>(t => t.Tags.Contains("x", StringComparer.OrdinalIgnoreCase));
        Unsupported<TodoItem>(t => t.Tags.Any(tag => tag.Length == 1));
        Unsupported<TodoItem>(t => t.Items().Any());
        Unsupported<TodoItem>(t => t.Title.Contains(null!));
    }

    [Fact]
    public void Operators_out_of_place_or_unknown_are_named()
    {
        Assert.Contains("before Select", Assert.Throws<NotSupportedException>(() =>
            Translate(Queryable.Where(Todos.Select(t => t), t => t.IsDone))).Message, StringComparison.Ordinal);
        Assert.Contains("before Skip", Assert.Throws<NotSupportedException>(() =>
            Translate(Queryable.Where(Todos.Take(3), t => t.IsDone))).Message, StringComparison.Ordinal);
        Assert.Contains("before Skip", Assert.Throws<NotSupportedException>(() =>
            Translate(Queryable.OrderBy(Todos.Skip(1), t => t.Priority))).Message, StringComparison.Ordinal);
        Assert.Contains("Distinct", Assert.Throws<NotSupportedException>(() => Translate(Todos.Distinct())).Message, StringComparison.Ordinal);
        Assert.Contains("Reverse", Assert.Throws<NotSupportedException>(() => Translate(Todos.Reverse())).Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => Translate<TodoItem, TodoItem?>(q => q.Take(2).First(t => t.IsDone)));
        Assert.Throws<NotSupportedException>(() => Translate<TodoItem, TodoItem>(q => q.FirstOrDefault(new TodoItem())));
        Assert.Throws<NotSupportedException>(() => Translate<TodoItem, TodoItem?>(q => q.Max()));
        Assert.Throws<NotSupportedException>(() => Translate(Queryable.OrderBy(Todos, t => t.Project)));
    }

    [Fact]
    public void A_root_that_is_not_a_realm_class_is_named()
    {
        var error = Assert.Throws<NotSupportedException>(() => Translate(Source<string>()));

        Assert.Contains("'String'", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A helper no query can translate (used to prove unknown methods are rejected).</summary>
internal static class TodoItemExtensions
{
    public static IEnumerable<string> Items(this TodoItem item) => item.Tags;
}
