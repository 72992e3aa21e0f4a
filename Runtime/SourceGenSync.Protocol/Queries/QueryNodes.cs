using System;
using System.Collections.Immutable;
using System.Linq;

namespace SourceGenSync.Queries;

/// <summary>
/// The query AST. Typed query fields, LINQ translation and (later) the server's text parser all produce these
/// nodes; the local store compiles them to parameterized SQL and sync serializes them in the documented text form
/// (<see cref="QueryText"/>). Nodes are immutable records with structural equality.
/// </summary>
public abstract record QueryNode
{
    public override string ToString() => QueryText.Format(this).Text;
}

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

public enum StringOperator
{
    Equal,
    Contains,
    StartsWith,
    EndsWith,
    /// <summary>Wildcards: <c>*</c> any run of characters, <c>?</c> one character.</summary>
    Like,
}

/// <summary>Matches every object.</summary>
public sealed record TruePredicate : QueryNode
{
    public static TruePredicate Instance { get; } = new();

    public override string ToString() => base.ToString();
}

/// <summary><c>property op value</c>; a null value with Equal/NotEqual is a null check.</summary>
public sealed record ComparisonNode(PropertyPath Property, ComparisonOperator Operator, RealmValue Value) : QueryNode
{
    public override string ToString() => base.ToString();
}

/// <summary>A string match, optionally case-insensitive (ordinal, invariant case folding).</summary>
public sealed record StringNode(PropertyPath Property, StringOperator Operator, string Value, bool CaseSensitive) : QueryNode
{
    public override string ToString() => base.ToString();
}

/// <summary>Full-text search over a property with a full-text index: every term must match.</summary>
public sealed record FullTextNode(PropertyPath Property, string Terms) : QueryNode
{
    public override string ToString() => base.ToString();
}

/// <summary><c>property IN {values}</c>.</summary>
public sealed record InNode(PropertyPath Property, ImmutableArray<RealmValue> Values) : QueryNode
{
    public bool Equals(InNode? other) =>
        other is not null && Property.Equals(other.Property) && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Property);
        foreach (var value in Values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => base.ToString();
}

public sealed record AndNode(QueryNode Left, QueryNode Right) : QueryNode
{
    public override string ToString() => base.ToString();
}

public sealed record OrNode(QueryNode Left, QueryNode Right) : QueryNode
{
    public override string ToString() => base.ToString();
}

public sealed record NotNode(QueryNode Operand) : QueryNode
{
    public override string ToString() => base.ToString();
}

/// <summary>
/// True when at least one element of a list, set, dictionary (its values) or backlink collection satisfies
/// <see cref="Predicate"/>, whose paths are relative to the element (the empty path is the element itself).
/// </summary>
public sealed record CollectionAnyNode(PropertyPath Collection, QueryNode Predicate) : QueryNode
{
    public override string ToString() => base.ToString();
}

/// <summary>Compares the number of elements of a collection with a constant.</summary>
public sealed record CollectionCountNode(PropertyPath Collection, ComparisonOperator Operator, long Count) : QueryNode
{
    public override string ToString() => base.ToString();
}

/// <summary>True when a dictionary has the given key.</summary>
public sealed record DictionaryContainsKeyNode(PropertyPath Dictionary, string Key) : QueryNode
{
    public override string ToString() => base.ToString();
}

/// <summary>One ordering term of a query.</summary>
public sealed record SortClause(PropertyPath Property, bool Ascending);

/// <summary>Helpers that keep trees small: TRUE is the identity of AND.</summary>
public static class QueryNodes
{
    public static QueryNode And(QueryNode left, QueryNode right) =>
        left is TruePredicate ? right : right is TruePredicate ? left : new AndNode(left, right);

    public static QueryNode Or(QueryNode left, QueryNode right) =>
        left is TruePredicate || right is TruePredicate ? TruePredicate.Instance : new OrNode(left, right);
}
