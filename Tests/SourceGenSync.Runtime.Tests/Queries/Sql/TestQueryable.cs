using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;

namespace SourceGenSync.Runtime.Tests.Queries.Sql;

/// <summary>
/// A query source for translator tests: its expression is a constant of itself (as realm.All&lt;T&gt;() is), operators
/// build new expressions, and terminal operators record their expression instead of running.
/// </summary>
internal sealed class TestQueryable<T> : IOrderedQueryable<T>, IQueryProvider
{
    public TestQueryable() => Expression = Expression.Constant(this);

    private TestQueryable(Expression expression) => Expression = expression;

    public Type ElementType => typeof(T);

    public Expression Expression { get; }

    public IQueryProvider Provider => this;

    /// <summary>Runs a terminal operator and returns the expression it produced.</summary>
    public static Expression Capture<TResult>(Func<IQueryable<T>, TResult> terminal)
    {
        ExecutedExpression.Last = null;
        terminal(new TestQueryable<T>());
        return ExecutedExpression.Last ?? throw new InvalidOperationException("The operator did not execute.");
    }

    public IQueryable CreateQuery(Expression expression) => throw new NotSupportedException();

    public IQueryable<TElement> CreateQuery<TElement>(Expression expression) => new TestQueryable<TElement>(expression);

    public object? Execute(Expression expression) => throw new NotSupportedException();

    public TResult Execute<TResult>(Expression expression)
    {
        ExecutedExpression.Last = expression;
        return default!;
    }

    public IEnumerator<T> GetEnumerator() => throw new NotSupportedException("Translator tests never enumerate.");

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The expression of the last terminal operator run on this thread (tests run operators synchronously).</summary>
internal static class ExecutedExpression
{
    [ThreadStatic]
    private static Expression? t_last;

    public static Expression? Last
    {
        get => t_last;
        set => t_last = value;
    }
}
