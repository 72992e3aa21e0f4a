using System;
using System.Linq;
using System.Linq.Expressions;
using SourceGenSync.Queries;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Queries;

/// <summary>Method calls inside predicates: string matching, membership, collections, QueryMethods.</summary>
internal sealed partial class LinqPredicates
{
    private QueryNode Call(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.DeclaringType == typeof(string))
        {
            return method.IsStatic ? StaticStringCall(call) : StringCall(call);
        }

        if (method.DeclaringType == typeof(QueryMethods))
        {
            var path = RequirePath(call.Arguments[0], PathKind.Scalar).Path;
            var text = StringArgument(call.Arguments[1], call);
            return method.Name == nameof(QueryMethods.Like)
                ? new StringNode(path, StringOperator.Like, text, (bool)LinqValues.Evaluate(call.Arguments[2])!)
                : new FullTextNode(path, text);
        }

        var enumerable = method.DeclaringType == typeof(Enumerable) || method.DeclaringType == typeof(Queryable);
        switch (method.Name)
        {
            case "Contains":
                return Contains(call);
            case "Any" or "All" when enumerable:
                return AnyOrAll(call);
            case "ContainsKey" when call is { Object: { } dictionary, Arguments.Count: 1 }:
                var path = RequirePath(dictionary, PathKind.Collection);
                if (path.Property?.Collection != CollectionKind.Dictionary)
                {
                    throw LinqTranslator.NotSupported(call, $"'{dictionary}' is not a dictionary property");
                }

                return new DictionaryContainsKeyNode(path.Path, StringArgument(call.Arguments[0], call));
            case "Equals" when call is { Object: { } instance, Arguments.Count: 1 }:
                return Compare(call, ComparisonOperator.Equal, instance, call.Arguments[0]);
            default:
                throw LinqTranslator.NotSupported(call, $"the method {method.DeclaringType?.Name}.{method.Name} cannot be translated");
        }
    }

    /// <summary><c>t.Title.Contains("x")</c>, <c>StartsWith</c>, <c>EndsWith</c>, <c>Equals</c>, with optional case rules.</summary>
    private QueryNode StringCall(MethodCallExpression call)
    {
        var target = RequirePath(call.Object!, PathKind.Scalar).Path;
        var op = call.Method.Name switch
        {
            nameof(string.Contains) => StringOperator.Contains,
            nameof(string.StartsWith) => StringOperator.StartsWith,
            nameof(string.EndsWith) => StringOperator.EndsWith,
            nameof(string.Equals) => StringOperator.Equal,
            _ => throw LinqTranslator.NotSupported(call, $"the string method {call.Method.Name} cannot be translated"),
        };

        var arguments = call.Arguments;
        if (op == StringOperator.Equal && arguments.Count == 1)
        {
            return new ComparisonNode(target, ComparisonOperator.Equal, LinqValues.ToRealmValue(Value(arguments[0], call), arguments[0]));
        }

        var caseSensitive = arguments.Count switch
        {
            1 => true,
            2 when arguments[1].Type == typeof(StringComparison) => CaseSensitive(arguments[1], call),
            3 when arguments[1].Type == typeof(bool) => !(bool)Value(arguments[1], call)!,
            _ => throw LinqTranslator.NotSupported(call, $"this overload of string.{call.Method.Name} is not supported"),
        };

        return new StringNode(target, op, StringArgument(arguments[0], call), caseSensitive);
    }

    /// <summary><c>string.IsNullOrEmpty(t.Title)</c>, <c>string.Equals(t.Title, "x"[, comparison])</c>.</summary>
    private QueryNode StaticStringCall(MethodCallExpression call)
    {
        var arguments = call.Arguments;
        switch (call.Method.Name)
        {
            case nameof(string.IsNullOrEmpty):
                var path = RequirePath(arguments[0], PathKind.Scalar).Path;
                return new OrNode(
                    new ComparisonNode(path, ComparisonOperator.Equal, RealmValue.Null),
                    new ComparisonNode(path, ComparisonOperator.Equal, ""));
            case nameof(string.Equals) when arguments.Count is 2 or 3:
                var (member, value) = LinqValues.DependsOnParameters(arguments[0]) ? (arguments[0], arguments[1]) : (arguments[1], arguments[0]);
                var target = RequirePath(member, PathKind.Scalar).Path;
                if (arguments.Count == 2)
                {
                    return new ComparisonNode(target, ComparisonOperator.Equal, LinqValues.ToRealmValue(Value(value, call), value));
                }

                return new StringNode(target, StringOperator.Equal, StringArgument(value, call), CaseSensitive(arguments[2], call));
            default:
                throw LinqTranslator.NotSupported(call, $"the string method {call.Method.Name} cannot be translated");
        }
    }

    /// <summary>
    /// <c>t.Tags.Contains(x)</c> (a collection property holds a value) or <c>values.Contains(t.Prop)</c> (a property
    /// is one of the values: IN). Covers instance Contains, Enumerable.Contains and C# 14's MemoryExtensions.Contains.
    /// </summary>
    private QueryNode Contains(MethodCallExpression call)
    {
        Expression source, item;
        if (call is { Object: { } instance, Arguments.Count: 1 })
        {
            (source, item) = (instance, call.Arguments[0]);
        }
        else if (call.Object is null && call.Arguments.Count is 2 or 3)
        {
            (source, item) = (LinqValues.UnwrapSpan(call.Arguments[0]), call.Arguments[1]);
            if (call.Arguments.Count == 3 && LinqValues.Evaluate(call.Arguments[2]) is not null)
            {
                throw LinqTranslator.NotSupported(call, "a custom equality comparer cannot be translated");
            }
        }
        else
        {
            throw LinqTranslator.NotSupported(call, "this overload of Contains is not supported");
        }

        if (!LinqValues.DependsOnParameters(source))
        {
            return new InNode(RequirePath(item, PathKind.Scalar).Path, Values(source));
        }

        var collection = RequirePath(source, PathKind.Collection);
        var value = LinqValues.ToRealmValue(Value(item, call), item);
        return new CollectionAnyNode(collection.Path, new ComparisonNode(PropertyPath.Empty, ComparisonOperator.Equal, value));
    }

    /// <summary><c>t.Items.Any()</c>, <c>t.Items.Any(i =&gt; ...)</c>, <c>t.Items.All(i =&gt; ...)</c>, backlinks included.</summary>
    private QueryNode AnyOrAll(MethodCallExpression call)
    {
        var collection = RequirePath(call.Arguments[0], PathKind.Collection);
        var isAny = call.Method.Name == "Any";
        if (call.Arguments.Count == 1 && isAny)
        {
            return new CollectionCountNode(collection.Path, ComparisonOperator.GreaterThan, 0);
        }

        var argument = call.Arguments.Count == 2 ? call.Arguments[1] : null;
        var lambda = argument is UnaryExpression { NodeType: ExpressionType.Quote } quote ? quote.Operand as LambdaExpression : argument as LambdaExpression;
        if (lambda is not { Parameters.Count: 1 })
        {
            throw LinqTranslator.NotSupported(call, $"{call.Method.Name} needs an inline condition such as 'i => i.Done'");
        }

        var element = new LinqPredicates(_layout, lambda.Parameters[0], collection.Table, collection.Table is null ? collection.Property : null);
        return isAny
            ? new CollectionAnyNode(collection.Path, element.Predicate(lambda.Body))
            : new NotNode(new CollectionAnyNode(collection.Path, element.Negate(lambda.Body)));
    }

    private static object? Value(Expression expression, Expression call) =>
        LinqValues.DependsOnParameters(expression)
            ? throw LinqTranslator.NotSupported(call, $"'{expression}' reads a property where a value is expected")
            : LinqValues.Evaluate(expression);

    private static string StringArgument(Expression expression, Expression call) => Value(expression, call) switch
    {
        string text => text,
        char c => c.ToString(),
        _ => throw LinqTranslator.NotSupported(call, $"'{expression}' is null"),
    };

    private static bool CaseSensitive(Expression comparison, Expression call) => Value(comparison, call) switch
    {
        StringComparison.Ordinal or StringComparison.InvariantCulture or StringComparison.CurrentCulture => true,
        StringComparison.OrdinalIgnoreCase or StringComparison.InvariantCultureIgnoreCase or StringComparison.CurrentCultureIgnoreCase => false,
        _ => throw LinqTranslator.NotSupported(call, "unknown StringComparison"),
    };
}
