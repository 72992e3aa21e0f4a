using System;
using System.Linq;
using System.Linq.Expressions;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>Shorthands for translator tests. Queryable.Where is called explicitly: the generated typed Where wins otherwise.</summary>
internal static class LinqTestSupport
{
    public static StorageLayout Layout { get; } = new([
        TodoItem.Schema, Project.Schema, Comment.Schema, Address.Schema, AllTypes.Schema,
        SqlTeam.Schema, SqlMember.Schema, SqlBadge.Schema,
    ]);

    public static IQueryable<T> Source<T>() => new TestQueryable<T>();

    public static TranslatedQuery Translate(IQueryable query) => LinqTranslator.Translate(Layout, query.Expression);

    public static TranslatedQuery Translate<T, TResult>(Func<IQueryable<T>, TResult> terminal) =>
        LinqTranslator.Translate(Layout, TestQueryable<T>.Capture(terminal));

    public static QueryNode Filter<T>(Expression<Func<T, bool>> predicate) => Translate(Queryable.Where(Source<T>(), predicate)).Model.Filter;

    public static PropertyPath P(params string[] segments) => PropertyPath.Of(segments);

    public static ComparisonNode Cmp(PropertyPath path, ComparisonOperator op, RealmValue value) => new(path, op, value);

    public static ComparisonNode Eq(PropertyPath path, RealmValue value) => new(path, ComparisonOperator.Equal, value);

    public static NotSupportedException Unsupported<T>(Expression<Func<T, bool>> predicate) =>
        Assert.Throws<NotSupportedException>(() => Filter(predicate));
}
