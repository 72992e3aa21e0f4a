using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq.Expressions;
using SourceGenSync.Internal.Queries;

namespace SourceGenSync;

/// <summary>Executes translated queries: terminal operators as single statements, projections in memory.</summary>
internal static class QueryExecutor
{
    private static readonly ConcurrentDictionary<LambdaExpression, Delegate> s_projections = new();

    public static object? Execute(Realm realm, TranslatedQuery query, Type resultType)
    {
        var layout = realm.Layout;
        var model = query.Model;
        var table = layout[model.ClassName];
        switch (query.Terminal)
        {
            case QueryTerminal.Count:
                return checked((int)realm.ExecuteCount(table, model));
            case QueryTerminal.LongCount:
                return realm.ExecuteCount(table, model);
            case QueryTerminal.Any:
                return realm.ExecuteScalar(SqlQueryCompiler.CompileExists(layout, model)) is long any && any != 0;
            case QueryTerminal.All:
                return !(realm.ExecuteScalar(SqlQueryCompiler.CompileExists(layout, model)) is long none && none != 0);
            case QueryTerminal.First or QueryTerminal.FirstOrDefault:
                return Single(realm, query, model, query.Terminal == QueryTerminal.FirstOrDefault, "The query has no results.");
            case QueryTerminal.Last or QueryTerminal.LastOrDefault:
                return Pick(realm, query, SqlQueryCompiler.CompileLast(layout, model), table, query.Terminal == QueryTerminal.LastOrDefault, "The query has no results.");
            case QueryTerminal.ElementAt or QueryTerminal.ElementAtOrDefault:
                // LINQ's contract: an index outside the results is ArgumentOutOfRangeException (or default).
                var index = query.ElementIndex ?? 0;
                var element = index < 0 ? null : Single(realm, query, model, orDefault: true, "");
                return element is not null || query.Terminal == QueryTerminal.ElementAtOrDefault
                    ? element
                    : throw new ArgumentOutOfRangeException("index", index, $"The query has no element at index {index}.");
            case QueryTerminal.Single or QueryTerminal.SingleOrDefault:
                var two = realm.ExecuteSelect<object>(table, SqlQueryCompiler.CompileSelect(layout, model));
                if (two.Count > 1)
                {
                    throw new InvalidOperationException("The query has more than one result.");
                }

                if (two.Count == 0)
                {
                    return query.Terminal == QueryTerminal.SingleOrDefault ? null : throw new InvalidOperationException("The query has no results.");
                }

                return Project(query, two[0]);
            case QueryTerminal.Sum or QueryTerminal.Min or QueryTerminal.Max or QueryTerminal.Average:
                return Aggregate(realm, query, resultType);
            default:
                throw new NotSupportedException($"The query operator {query.Terminal} cannot produce a single value.");
        }
    }

    public static List<object> Objects(Realm realm, TranslatedQuery query) =>
        realm.ExecuteSelect<object>(realm.Layout[query.Model.ClassName], SqlQueryCompiler.CompileSelect(realm.Layout, query.Model));

    public static object? Project(TranslatedQuery query, object item)
    {
        // Each Select in order. Compiled once per distinct lambda (expression trees compare by reference, so per
        // query instance); interpretation keeps this usable where dynamic code is not.
        object? current = item;
        foreach (var projection in query.Projections)
        {
            var compiled = s_projections.GetOrAdd(projection, static p => p.Compile(preferInterpretation: true));
            current = compiled.DynamicInvoke(current);
        }

        return current;
    }

    private static object? Single(Realm realm, TranslatedQuery query, QueryModel model, bool orDefault, string empty)
    {
        var table = realm.Layout[model.ClassName];
        return Pick(realm, query, SqlQueryCompiler.CompileSelect(realm.Layout, model), table, orDefault, empty);
    }

    private static object? Pick(Realm realm, TranslatedQuery query, SqlQuery sql, Internal.Storage.TableMap table, bool orDefault, string empty)
    {
        var found = realm.ExecuteSelect<object>(table, sql);
        if (found.Count == 0)
        {
            return orDefault ? null : throw new InvalidOperationException(empty);
        }

        return Project(query, found[0]);
    }

    private static object? Aggregate(Realm realm, TranslatedQuery query, Type resultType)
    {
        var kind = query.Terminal switch
        {
            QueryTerminal.Sum => AggregateKind.Sum,
            QueryTerminal.Min => AggregateKind.Min,
            QueryTerminal.Max => AggregateKind.Max,
            _ => AggregateKind.Average,
        };
        var aggregate = SqlQueryCompiler.CompileAggregate(realm.Layout, query.Model, kind, query.AggregatePath!);
        var value = realm.ExecuteAggregate(aggregate);
        return AggregateResults.Convert(value, resultType, kind);
    }
}
