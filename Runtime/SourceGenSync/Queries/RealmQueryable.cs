using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace SourceGenSync.Queries;

/// <summary>
/// Applies typed filters and orderings to an <see cref="IQueryable{T}"/>. Generated per-class extension methods
/// (<c>Where(f =&gt; ...)</c>, <c>OrderBy(f =&gt; ...)</c>) call these; they append a marker call carrying the
/// query node to the expression tree, which the realm's query provider translates together with any LINQ operators.
/// </summary>
public static class RealmQueryable
{
    public static IQueryable<T> Where<T>(IQueryable<T> source, QueryFilter<T> filter)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Provider.CreateQuery<T>(
            Expression.Call(FilterMethod<T>(), source.Expression, Expression.Constant(filter.Node, typeof(QueryNode))));
    }

    public static IOrderedQueryable<T> OrderBy<T>(IQueryable<T> source, QueryField<T> field, bool ascending)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(field);
        return (IOrderedQueryable<T>)source.Provider.CreateQuery<T>(
            Expression.Call(SortMethod<T>(), source.Expression, Expression.Constant(new SortClause(field.Path, ascending)), Expression.Constant(false)));
    }

    public static IOrderedQueryable<T> ThenBy<T>(IOrderedQueryable<T> source, QueryField<T> field, bool ascending)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(field);
        return (IOrderedQueryable<T>)source.Provider.CreateQuery<T>(
            Expression.Call(SortMethod<T>(), source.Expression, Expression.Constant(new SortClause(field.Path, ascending)), Expression.Constant(true)));
    }

    /// <summary>True when <paramref name="method"/> is the marker of a typed filter (for query providers).</summary>
    public static bool IsFilterMarker(MethodInfo method) =>
        method.IsGenericMethod && method.GetGenericMethodDefinition() == FilterMethodDefinition;

    /// <summary>True when <paramref name="method"/> is the marker of a typed ordering (for query providers).</summary>
    public static bool IsSortMarker(MethodInfo method) =>
        method.IsGenericMethod && method.GetGenericMethodDefinition() == SortMethodDefinition;

    private static readonly MethodInfo FilterMethodDefinition = new Func<IQueryable<object>, QueryNode, IQueryable<object>>(Filter).Method.GetGenericMethodDefinition();

    private static readonly MethodInfo SortMethodDefinition = new Func<IQueryable<object>, SortClause, bool, IQueryable<object>>(Sort).Method.GetGenericMethodDefinition();

    // Delegate-derived MethodInfos keep this trimming- and AOT-safe (no MakeGenericMethod over unknown types).
    private static MethodInfo FilterMethod<T>() => new Func<IQueryable<T>, QueryNode, IQueryable<T>>(Filter).Method;

    private static MethodInfo SortMethod<T>() => new Func<IQueryable<T>, SortClause, bool, IQueryable<T>>(Sort).Method;

    // Markers: only a realm query provider can run them; anything else says so.
    private static IQueryable<T> Filter<T>(IQueryable<T> source, QueryNode node) =>
        throw FilterNotSupported<T>(node, source.Provider.GetType().Name);

    private static IQueryable<T> Sort<T>(IQueryable<T> source, SortClause clause, bool thenBy) =>
        throw SortNotSupported<T>(clause, source.Provider.GetType().Name);

    // LINQ to objects (EnumerableQuery) rewrites each call to an IEnumerable overload of the same name on the
    // declaring type; these give it one, so it fails with the same clear message instead of "no method 'Filter'".
    private static IEnumerable<T> Filter<T>(IEnumerable<T> source, QueryNode node) =>
        throw FilterNotSupported<T>(node, "LINQ to objects");

    private static IEnumerable<T> Sort<T>(IEnumerable<T> source, SortClause clause, bool thenBy) =>
        throw SortNotSupported<T>(clause, "LINQ to objects");

    private static NotSupportedException FilterNotSupported<T>(QueryNode node, string provider) =>
        new($"The typed filter '{node}' runs only on realm queries (realm.All<{typeof(T).Name}>()); this query's provider is {provider}.");

    private static NotSupportedException SortNotSupported<T>(SortClause clause, string provider) =>
        new($"The typed ordering by '{clause.Property}' runs only on realm queries (realm.All<{typeof(T).Name}>()); this query's provider is {provider}.");
}
