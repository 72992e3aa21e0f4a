using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using SourceGenSync.Internal.Queries;

namespace SourceGenSync;

/// <summary>
/// Runs LINQ over realm queries: operators that keep the element type make new <see cref="RealmResults{T}"/>;
/// Select makes a projection evaluated per materialized object; terminal operators (First, Count, Sum, ...) run
/// as single SQL statements. Translation is <see cref="LinqTranslator"/>'s job.
/// </summary>
internal sealed class RealmQueryProvider : IQueryProvider
{
    private readonly Realm _realm;

    public RealmQueryProvider(Realm realm) => _realm = realm;

    public IQueryable CreateQuery(Expression expression) =>
        throw new NotSupportedException("Realm queries are strongly typed: use the generic LINQ operators (Queryable.Where<T> and friends).");

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression)
    {
        _realm.ThrowIfClosed();
        var translated = LinqTranslator.Translate(_realm.Layout, expression);
        if (translated.Projections.IsEmpty && _realm.Layout.TryGetTable(typeof(TElement), out var table))
        {
            return new RealmResults<TElement>(_realm, table, translated.Model);
        }

        return new ProjectedQuery<TElement>(this, expression);
    }

    public object? Execute(Expression expression) =>
        throw new NotSupportedException("Realm queries are strongly typed: use the generic LINQ operators.");

    public TResult Execute<TResult>(Expression expression)
    {
        _realm.ThrowIfClosed();
        var translated = LinqTranslator.Translate(_realm.Layout, expression);
        return (TResult)QueryExecutor.Execute(_realm, translated, typeof(TResult))!;
    }

    /// <summary>Enumerates a projection: materializes the query's objects and applies the compiled selector to each.</summary>
    internal IEnumerable<TElement> Enumerate<TElement>(Expression expression)
    {
        _realm.ThrowIfClosed();
        var translated = LinqTranslator.Translate(_realm.Layout, expression);
        foreach (var item in QueryExecutor.Objects(_realm, translated))
        {
            yield return (TElement)QueryExecutor.Project(translated, item)!;
        }
    }
}

/// <summary>The result of <c>Select</c> over a realm query: lazy, re-evaluated on each enumeration.</summary>
internal sealed class ProjectedQuery<T> : IOrderedQueryable<T>
{
    private readonly RealmQueryProvider _provider;

    public ProjectedQuery(RealmQueryProvider provider, Expression expression)
    {
        _provider = provider;
        Expression = expression;
    }

    public Type ElementType => typeof(T);

    public Expression Expression { get; }

    public IQueryProvider Provider => _provider;

    public IEnumerator<T> GetEnumerator() => _provider.Enumerate<T>(Expression).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
