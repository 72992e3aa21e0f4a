using System;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// Translates the body of a LINQ predicate (<c>t =&gt; ...</c>) into a <see cref="QueryNode"/>. Member chains on the
/// lambda parameter become stored property paths (C# names mapped through the schema, links and embedded objects
/// walked); everything that does not read the parameter is evaluated once to a value.
/// </summary>
internal sealed partial class LinqPredicates
{
    private static readonly QueryNode False = new NotNode(TruePredicate.Instance);

    private readonly StorageLayout _layout;
    private readonly ParameterExpression _parameter;
    private readonly TableMap? _table;
    private readonly Property? _element;

    /// <param name="layout">The realm's storage layout (classes by name).</param>
    /// <param name="parameter">The lambda parameter paths start from.</param>
    /// <param name="table">The class of the parameter; null when it is the element of a primitive collection.</param>
    /// <param name="element">For primitive elements, the collection property (it gives the element type).</param>
    private LinqPredicates(StorageLayout layout, ParameterExpression parameter, TableMap? table, Property? element)
    {
        _layout = layout;
        _parameter = parameter;
        _table = table;
        _element = element;
    }

    public static QueryNode Translate(StorageLayout layout, TableMap root, LambdaExpression lambda) =>
        new LinqPredicates(layout, lambda.Parameters[0], root, null).Predicate(lambda.Body);

    /// <summary>The stored path of a selector such as <c>x =&gt; x.Project.Name</c> (orderings and aggregates).</summary>
    public static PropertyPath ScalarPath(StorageLayout layout, TableMap root, LambdaExpression lambda, string purpose)
    {
        var translator = new LinqPredicates(layout, lambda.Parameters[0], root, null);
        return translator.TryPath(lambda.Body, out var path) && path.Kind == PathKind.Scalar
            ? path.Path
            : throw LinqTranslator.NotSupported(lambda.Body, $"the {purpose} must read one stored property, such as 'x => x.Name' or 'x => x.Project.Name'");
    }

    private QueryNode Predicate(Expression expression)
    {
        if (!LinqValues.DependsOnParameters(expression))
        {
            return LinqValues.Evaluate(expression) is true ? TruePredicate.Instance : False;
        }

        switch (expression.NodeType)
        {
            case ExpressionType.AndAlso or ExpressionType.And when expression.Type == typeof(bool):
                var and = (BinaryExpression)expression;
                return And(Predicate(and.Left), Predicate(and.Right));
            case ExpressionType.OrElse or ExpressionType.Or when expression.Type == typeof(bool):
                var or = (BinaryExpression)expression;
                return Or(Predicate(or.Left), Predicate(or.Right));
            case ExpressionType.Not when expression.Type == typeof(bool):
                return Negate(((UnaryExpression)expression).Operand);
            case ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual:
                return Comparison((BinaryExpression)expression);
            case ExpressionType.Call:
                return Call((MethodCallExpression)expression);
            case ExpressionType.MemberAccess or ExpressionType.Parameter or ExpressionType.Convert:
                return BoolMember(expression);
            default:
                throw LinqTranslator.NotSupported(expression, $"{expression.NodeType} expressions cannot be translated");
        }
    }

    private static QueryNode And(QueryNode left, QueryNode right) =>
        left.Equals(False) || right.Equals(False) ? False : QueryNodes.And(left, right);

    private static QueryNode Or(QueryNode left, QueryNode right) =>
        left.Equals(False) ? right : right.Equals(False) ? left : QueryNodes.Or(left, right);

    private QueryNode Negate(Expression operand)
    {
        if (TryPath(operand, out var path) && path.Kind == PathKind.Scalar && operand.Type == typeof(bool))
        {
            return new ComparisonNode(path.Path, ComparisonOperator.Equal, false);
        }

        return Invert(Predicate(operand));
    }

    /// <summary>NOT, kept small: null checks flip, double negations cancel.</summary>
    private static QueryNode Invert(QueryNode node) => node switch
    {
        TruePredicate => False,
        NotNode not => not.Operand,
        ComparisonNode { Value.IsNull: true, Operator: ComparisonOperator.Equal } c => c with { Operator = ComparisonOperator.NotEqual },
        ComparisonNode { Value.IsNull: true, Operator: ComparisonOperator.NotEqual } c => c with { Operator = ComparisonOperator.Equal },
        _ => new NotNode(node),
    };

    /// <summary><c>t.Done</c>, <c>t.Due.HasValue</c>, or a bool element itself.</summary>
    private QueryNode BoolMember(Expression expression)
    {
        if (expression is MemberExpression { Member.Name: nameof(Nullable<int>.HasValue), Expression: { } nullable }
            && Nullable.GetUnderlyingType(nullable.Type) is not null)
        {
            return new ComparisonNode(RequirePath(nullable, PathKind.Scalar).Path, ComparisonOperator.NotEqual, RealmValue.Null);
        }

        if (expression.Type == typeof(bool) && TryPath(expression, out var path) && path.Kind == PathKind.Scalar)
        {
            return new ComparisonNode(path.Path, ComparisonOperator.Equal, true);
        }

        throw LinqTranslator.NotSupported(expression, "only bool properties can be used as conditions by themselves");
    }

    private QueryNode Comparison(BinaryExpression binary)
    {
        var op = binary.NodeType switch
        {
            ExpressionType.Equal => ComparisonOperator.Equal,
            ExpressionType.NotEqual => ComparisonOperator.NotEqual,
            ExpressionType.LessThan => ComparisonOperator.LessThan,
            ExpressionType.LessThanOrEqual => ComparisonOperator.LessThanOrEqual,
            ExpressionType.GreaterThan => ComparisonOperator.GreaterThan,
            _ => ComparisonOperator.GreaterThanOrEqual,
        };

        return Compare(binary, op, binary.Left, binary.Right);
    }

    /// <summary><c>property op value</c> with the property on either side; also collection counts.</summary>
    private QueryNode Compare(Expression source, ComparisonOperator op, Expression member, Expression value)
    {
        var memberDepends = LinqValues.DependsOnParameters(member);
        var valueDepends = LinqValues.DependsOnParameters(value);
        if (memberDepends && valueDepends)
        {
            throw LinqTranslator.NotSupported(source, "it compares two properties; a realm query compares a property with a value");
        }

        if (valueDepends)
        {
            (member, value) = (value, member);
            op = Mirror(op);
        }

        if (TryCount(member, out var collection))
        {
            var count = LinqValues.Evaluate(value) ?? throw LinqTranslator.NotSupported(source, "a count is compared with null");
            return new CollectionCountNode(collection, op, Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture));
        }

        var path = RequirePath(member, null);
        if (path.Kind == PathKind.Collection)
        {
            throw LinqTranslator.NotSupported(source, $"'{member}' is a collection; compare its Count or use Any");
        }

        var argument = LinqValues.ToRealmValue(LinqValues.Evaluate(value), value);
        if (path.Kind == PathKind.Object && (!argument.IsNull || op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual)))
        {
            throw LinqTranslator.NotSupported(source, "an object can only be compared with null; compare its primary key instead");
        }

        return new ComparisonNode(path.Path, op, argument);
    }

    private static ComparisonOperator Mirror(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
        ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
        _ => op,
    };

    /// <summary><c>t.Items.Count</c>, <c>t.Items.Count()</c>, <c>t.Comments.LongCount()</c>.</summary>
    private bool TryCount(Expression expression, out PropertyPath collection)
    {
        collection = PropertyPath.Empty;
        expression = StripConversions(expression);
        var source = expression switch
        {
            MemberExpression { Member.Name: "Count", Expression: { } owner } => owner,
            MethodCallExpression { Method.Name: "Count" or "LongCount", Arguments.Count: 1, Object: null } call
                when call.Method.DeclaringType == typeof(Enumerable) || call.Method.DeclaringType == typeof(Queryable) => call.Arguments[0],
            _ => null,
        };

        if (source is not null && TryPath(source, out var path) && path.Kind == PathKind.Collection)
        {
            collection = path.Path;
            return true;
        }

        return false;
    }

    private static ImmutableArray<RealmValue> Values(Expression source)
    {
        var builder = ImmutableArray.CreateBuilder<RealmValue>();
        foreach (var item in LinqValues.EvaluateSequence(source))
        {
            builder.Add(LinqValues.ToRealmValue(item, source));
        }

        return builder.ToImmutable();
    }
}
