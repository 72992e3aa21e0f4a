using System.Collections.Immutable;
using System.Linq.Expressions;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Queries;

/// <summary>How a LINQ query ends: enumeration, or the operator that produces a single result.</summary>
internal enum QueryTerminal
{
    /// <summary>The query is enumerated (no terminal operator).</summary>
    None,
    /// <summary>The model is limited to one row.</summary>
    First,
    FirstOrDefault,
    /// <summary>The model is limited to two rows: a second one means "more than one element".</summary>
    Single,
    SingleOrDefault,
    /// <summary>Run with <see cref="SqlQueryCompiler.CompileLast"/>.</summary>
    Last,
    LastOrDefault,
    /// <summary>Run with <see cref="SqlQueryCompiler.CompileExists"/>.</summary>
    Any,
    /// <summary>The model's filter already holds <c>NOT predicate</c>: the answer is "no row exists".</summary>
    All,
    /// <summary>Run with <see cref="SqlQueryCompiler.CompileCount"/>.</summary>
    Count,
    LongCount,
    /// <summary>The index is already applied as Skip(index).Take(1); no row means out of range.</summary>
    ElementAt,
    ElementAtOrDefault,
    /// <summary>Aggregates over <see cref="TranslatedQuery.AggregatePath"/> (<see cref="SqlQueryCompiler.CompileAggregate"/>).</summary>
    Sum,
    Min,
    Max,
    Average,
}

/// <summary>
/// The result of translating a LINQ expression: the query to run, how it ends, the property an aggregate reads,
/// and the projections (Select lambdas, one parameter each) the provider applies in memory, in order, to each
/// materialized object. Projections are kept apart rather than composed, because building a lambda of a composed
/// delegate type needs dynamic code.
/// </summary>
internal sealed record TranslatedQuery(QueryModel Model, QueryTerminal Terminal, PropertyPath? AggregatePath, ImmutableArray<LambdaExpression> Projections)
{
    public ImmutableArray<LambdaExpression> Projections { get; init; } = Projections.IsDefault ? [] : Projections;

    /// <summary>
    /// For ElementAt/ElementAtOrDefault: the index as written (it may be negative; the model then takes no rows).
    /// The model's Skip also counts earlier Skips, so messages and range checks should use this.
    /// </summary>
    public long? ElementIndex { get; init; }

    /// <summary>The aggregate kind for aggregate terminals, otherwise null.</summary>
    public AggregateKind? Aggregate => Terminal switch
    {
        QueryTerminal.Sum => AggregateKind.Sum,
        QueryTerminal.Min => AggregateKind.Min,
        QueryTerminal.Max => AggregateKind.Max,
        QueryTerminal.Average => AggregateKind.Average,
        _ => null,
    };
}
