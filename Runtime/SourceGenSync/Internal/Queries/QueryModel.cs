using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// One query over one class, independent of how it was written (typed fields, LINQ, or a subscription's text):
/// a filter, orderings, and paging. The SQL compiler turns it into statements; sync can send <see cref="Filter"/>.
/// Paging applies after filtering and ordering (<c>Skip</c> first, then <c>Take</c>).
/// </summary>
internal sealed record QueryModel(string ClassName, QueryNode Filter, ImmutableArray<SortClause> Sorts, long? Skip, long? Take)
{
    /// <summary>Orderings, most significant first; never default (a default array reads as empty).</summary>
    public ImmutableArray<SortClause> Sorts { get; init; } = Sorts.IsDefault ? [] : Sorts;

    /// <summary>Every object of a class, in insertion order.</summary>
    public static QueryModel All(string className) => new(className, TruePredicate.Instance, [], null, null);

    public bool HasPaging => Skip is not null || Take is not null;

    /// <summary>This query with <paramref name="node"/> added to its filter with AND.</summary>
    public QueryModel Where(QueryNode node) => this with { Filter = QueryNodes.And(Filter, node) };

    public bool Equals(QueryModel? other) =>
        other is not null
        && string.Equals(ClassName, other.ClassName, StringComparison.Ordinal)
        && Filter.Equals(other.Filter)
        && Sorts.SequenceEqual(other.Sorts)
        && Skip == other.Skip
        && Take == other.Take;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ClassName, StringComparer.Ordinal);
        hash.Add(Filter);
        foreach (var sort in Sorts)
        {
            hash.Add(sort);
        }

        hash.Add(Skip);
        hash.Add(Take);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder(ClassName).Append(" WHERE ").Append(Filter);
        if (!Sorts.IsEmpty)
        {
            text.Append(" SORT(").AppendJoin(", ", Sorts.Select(static s => s.Property + (s.Ascending ? " ASC" : " DESC"))).Append(')');
        }

        if (Skip is { } skip)
        {
            text.Append(" SKIP ").Append(skip);
        }

        if (Take is { } take)
        {
            text.Append(" LIMIT ").Append(take);
        }

        return text.ToString();
    }
}

/// <summary>Implemented by query roots that already carry a query (backlinks, re-queried results): LINQ starts from it.</summary>
internal interface IQueryModelSource
{
    QueryModel Model { get; }
}
