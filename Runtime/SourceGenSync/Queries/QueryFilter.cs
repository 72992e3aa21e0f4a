using System;

namespace SourceGenSync.Queries;

/// <summary>
/// A typed filter over <typeparamref name="T"/>, built from generated query fields. Combine with <c>&amp;</c>,
/// <c>|</c>, <c>!</c> (or <c>&amp;&amp;</c>, <c>||</c>, which never short-circuit: both sides are part of the query).
/// </summary>
public readonly struct QueryFilter<T> : IEquatable<QueryFilter<T>>
{
    private readonly QueryNode? _node;

    public QueryFilter(QueryNode node) => _node = node ?? throw new ArgumentNullException(nameof(node));

    /// <summary>The query AST; the default filter matches everything.</summary>
    public QueryNode Node => _node ?? TruePredicate.Instance;

    public static QueryFilter<T> operator &(QueryFilter<T> left, QueryFilter<T> right) => new(QueryNodes.And(left.Node, right.Node));

    public static QueryFilter<T> operator |(QueryFilter<T> left, QueryFilter<T> right) => new(QueryNodes.Or(left.Node, right.Node));

    public static QueryFilter<T> operator !(QueryFilter<T> operand) => new(new NotNode(operand.Node));

    // With these, `a && b` means `a & b` and `a || b` means `a | b`: a filter is never "already decided".
    public static bool operator true(QueryFilter<T> filter) => false;

    public static bool operator false(QueryFilter<T> filter) => false;

    public bool Equals(QueryFilter<T> other) => Node.Equals(other.Node);

    public override bool Equals(object? obj) => obj is QueryFilter<T> other && Equals(other);

    public override int GetHashCode() => Node.GetHashCode();

    public static bool operator ==(QueryFilter<T> left, QueryFilter<T> right) => left.Equals(right);

    public static bool operator !=(QueryFilter<T> left, QueryFilter<T> right) => !left.Equals(right);

    public override string ToString() => Node.ToString();
}
