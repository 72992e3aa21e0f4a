using System;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// Translates a LINQ expression over a realm query into a <see cref="TranslatedQuery"/>. The root is a constant
/// holding an <see cref="IQueryable"/> whose element type is a class of the layout (for example what
/// <c>realm.All&lt;T&gt;()</c> returns); when it implements <see cref="IQueryModelSource"/>, translation starts from
/// its query. Supported: Where, OrderBy/ThenBy (and descending), Skip, Take, Select (applied in memory, in order), the typed
/// filter and ordering markers of <see cref="RealmQueryable"/>, and the terminal operators of
/// <see cref="QueryTerminal"/>. Anything else throws <see cref="NotSupportedException"/> naming the expression.
/// </summary>
internal static class LinqTranslator
{
    public static TranslatedQuery Translate(StorageLayout layout, Expression expression)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(expression);
        if (expression is MethodCallExpression call && call.Method.DeclaringType == typeof(Queryable) && TryTerminal(call.Method.Name, out var terminal))
        {
            return TranslateTerminal(layout, call, terminal);
        }

        var chain = Sequence(layout, expression);
        return new TranslatedQuery(chain.Model, QueryTerminal.None, null, chain.Projections);
    }

    public static NotSupportedException NotSupported(Expression expression, string reason) =>
        new($"The expression '{expression}' is not supported in a realm query: {reason}.");

    private static TranslatedQuery TranslateTerminal(StorageLayout layout, MethodCallExpression call, QueryTerminal terminal)
    {
        var chain = Sequence(layout, call.Arguments[0]);
        var argument = call.Arguments.Count > 1 ? call.Arguments[1] : null;
        var lambda = argument is null ? null : AsLambda(argument);
        if (argument is not null && lambda is null && terminal is not (QueryTerminal.ElementAt or QueryTerminal.ElementAtOrDefault))
        {
            throw NotSupported(call, $"this overload of {call.Method.Name} is not supported");
        }

        if (call.Arguments.Count > 2)
        {
            throw NotSupported(call, $"this overload of {call.Method.Name} is not supported");
        }

        PropertyPath? aggregatePath = null;
        switch (terminal)
        {
            case QueryTerminal.Sum or QueryTerminal.Min or QueryTerminal.Max or QueryTerminal.Average:
                if (lambda is not null)
                {
                    RequireUnprojected(chain, call);
                    aggregatePath = LinqPredicates.ScalarPath(layout, chain.Root, lambda, "aggregate");
                }
                else
                {
                    aggregatePath = chain.Projections.Length == 1
                        ? LinqPredicates.ScalarPath(layout, chain.Root, chain.Projections[0], "aggregate")
                        : throw NotSupported(call, $"{call.Method.Name} needs a property: pass a selector such as 'x => x.Price'");
                }

                return new TranslatedQuery(chain.Model, terminal, aggregatePath, []);
            case QueryTerminal.ElementAt or QueryTerminal.ElementAtOrDefault:
                var index = LinqValues.Evaluate(argument!) switch
                {
                    int i => (long)i,
                    Index { IsFromEnd: false } i => i.Value,
                    _ => throw NotSupported(call, "only an index from the start is supported"),
                };
                chain = index < 0 ? chain.Page(skip: null, take: 0) : chain.Page(skip: index, take: 1);
                return new TranslatedQuery(chain.Model, terminal, null, chain.Projections) { ElementIndex = index };
            case QueryTerminal.All:
                var all = Filter(layout, chain, lambda!, call);
                return new TranslatedQuery(chain.Model.Where(new NotNode(all)), terminal, null, []);
        }

        if (lambda is not null)
        {
            chain = chain with { Model = chain.Model.Where(Filter(layout, chain, lambda, call)) };
        }

        chain = terminal switch
        {
            QueryTerminal.First or QueryTerminal.FirstOrDefault => chain.Page(skip: null, take: 1),
            QueryTerminal.Single or QueryTerminal.SingleOrDefault => chain.Page(skip: null, take: 2),
            _ => chain,
        };
        var keepsProjection = terminal is not (QueryTerminal.Any or QueryTerminal.Count or QueryTerminal.LongCount);
        return new TranslatedQuery(chain.Model, terminal, null, keepsProjection ? chain.Projections : []);
    }

    private static Chain Sequence(StorageLayout layout, Expression expression)
    {
        switch (expression)
        {
            case ConstantExpression { Value: IQueryable root }:
                if (root is IQueryModelSource source)
                {
                    return new Chain(RootTable(layout, source.Model.ClassName, expression), source.Model, []);
                }

                if (!layout.TryGetTable(root.ElementType, out var table))
                {
                    throw NotSupported(expression, $"'{root.ElementType.Name}' is not a class of this realm's schema");
                }

                return new Chain(table, QueryModel.All(table.ClassName), []);
            case MethodCallExpression call when RealmQueryable.IsFilterMarker(call.Method):
                var filtered = Sequence(layout, call.Arguments[0]);
                RequireUnprojected(filtered, call);
                RequireUnpaged(filtered, call);
                return filtered with { Model = filtered.Model.Where((QueryNode)LinqValues.Evaluate(call.Arguments[1])!) };
            case MethodCallExpression call when RealmQueryable.IsSortMarker(call.Method):
                var sorted = Sequence(layout, call.Arguments[0]);
                RequireUnprojected(sorted, call);
                RequireUnpaged(sorted, call);
                var clause = (SortClause)LinqValues.Evaluate(call.Arguments[1])!;
                return sorted.Sort(clause, thenBy: (bool)LinqValues.Evaluate(call.Arguments[2])!);
            case MethodCallExpression call when call.Method.DeclaringType == typeof(Queryable):
                return Operator(layout, call);
            default:
                throw NotSupported(expression, "a realm query starts at realm.All<T>() and uses Where, OrderBy, ThenBy, Skip, Take and Select");
        }
    }

    private static Chain Operator(StorageLayout layout, MethodCallExpression call)
    {
        var chain = Sequence(layout, call.Arguments[0]);
        var name = call.Method.Name;
        var lambda = call.Arguments.Count == 2 ? AsLambda(call.Arguments[1]) : null;
        switch (name)
        {
            case nameof(Queryable.Where) when lambda is { Parameters.Count: 1 }:
                return chain with { Model = chain.Model.Where(Filter(layout, chain, lambda, call)) };
            case nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending) or nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending)
                when lambda is not null:
                RequireUnprojected(chain, call);
                RequireUnpaged(chain, call);
                var path = LinqPredicates.ScalarPath(layout, chain.Root, lambda, "ordering");
                var ascending = !name.EndsWith("Descending", StringComparison.Ordinal);
                return chain.Sort(new SortClause(path, ascending), thenBy: name.StartsWith("Then", StringComparison.Ordinal));
            case nameof(Queryable.Skip) when call.Arguments[1].Type == typeof(int):
                return chain.Page(skip: Math.Max(0, (int)LinqValues.Evaluate(call.Arguments[1])!), take: null);
            case nameof(Queryable.Take) when call.Arguments[1].Type == typeof(int):
                return chain.Page(skip: null, take: Math.Max(0, (int)LinqValues.Evaluate(call.Arguments[1])!));
            case nameof(Queryable.Select) when lambda is { Parameters.Count: 1 }:
                return chain with { Projections = chain.Projections.Add(lambda) };
            default:
                throw NotSupported(call, $"the operator {name} (with these arguments) is not supported on realm queries");
        }
    }

    private static QueryNode Filter(StorageLayout layout, Chain chain, LambdaExpression lambda, MethodCallExpression call)
    {
        RequireUnprojected(chain, call);
        RequireUnpaged(chain, call);
        return LinqPredicates.Translate(layout, chain.Root, lambda);
    }

    private static TableMap RootTable(StorageLayout layout, string className, Expression expression) =>
        layout.TryGetTable(className, out var table) ? table : throw NotSupported(expression, $"the class '{className}' is not part of this realm's schema");

    private static LambdaExpression? AsLambda(Expression expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand as LambdaExpression : expression as LambdaExpression;

    private static void RequireUnprojected(Chain chain, Expression call)
    {
        if (!chain.Projections.IsEmpty)
        {
            throw NotSupported(call, "filters and orderings must come before Select");
        }
    }

    private static void RequireUnpaged(Chain chain, Expression call)
    {
        if (chain.Model.HasPaging)
        {
            throw NotSupported(call, "filters and orderings must come before Skip and Take");
        }
    }

    private static bool TryTerminal(string name, out QueryTerminal terminal) => Enum.TryParse(name, ignoreCase: false, out terminal) && terminal != QueryTerminal.None;

    private sealed record Chain(TableMap Root, QueryModel Model, ImmutableArray<LambdaExpression> Projections)
    {
        /// <summary>Skip then Take compose in order: skipping inside a taken page shrinks it.</summary>
        public Chain Page(long? skip, long? take)
        {
            var model = Model;
            if (skip is { } s)
            {
                model = model with { Skip = (model.Skip ?? 0) + s, Take = model.Take is { } t ? Math.Max(t - s, 0) : null };
            }

            if (take is { } n)
            {
                model = model with { Take = model.Take is { } t ? Math.Min(t, n) : n };
            }

            return this with { Model = model };
        }

        /// <summary>ThenBy appends; OrderBy makes the new key the most significant (LINQ's stable re-sort).</summary>
        public Chain Sort(SortClause clause, bool thenBy) =>
            this with { Model = Model with { Sorts = thenBy ? Model.Sorts.Add(clause) : Model.Sorts.Insert(0, clause) } };
    }
}
