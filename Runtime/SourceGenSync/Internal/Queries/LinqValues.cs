using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// Evaluates the parts of a LINQ expression that do not depend on the queried object (constants, captured
/// variables, closures, simple calls) and converts the results to <see cref="RealmValue"/>s. Fields, properties,
/// conversions, calls and constructors are evaluated directly by reflection; only other shapes (arithmetic,
/// conditionals) fall back to the expression interpreter, never to code generation.
/// </summary>
internal static class LinqValues
{
    /// <summary>True when <paramref name="expression"/> reads a lambda parameter it does not declare itself.</summary>
    public static bool DependsOnParameters(Expression expression) => ParameterFinder.Finds(expression);

    public static object? Evaluate(Expression expression)
    {
        switch (expression)
        {
            case ConstantExpression constant:
                return constant.Value;
            case MemberExpression { Member.DeclaringType: { IsGenericType: true } declaring } member
                when declaring.GetGenericTypeDefinition() == typeof(Nullable<>) && member.Expression is not null:
                // A boxed nullable is its value or null; reflection on Nullable<T> itself would not accept it.
                var boxed = Evaluate(member.Expression);
                return member.Member.Name == nameof(Nullable<int>.HasValue)
                    ? boxed is not null
                    : boxed ?? throw LinqTranslator.NotSupported(member, $"'{member.Expression}' has no value");
            case MemberExpression { Member: FieldInfo field } member:
                return field.GetValue(Target(member.Expression, member));
            case MemberExpression { Member: PropertyInfo property } member when property.GetIndexParameters().Length == 0:
                return Invoke(() => property.GetValue(Target(member.Expression, member)));
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.TypeAs } unary:
                var operand = Evaluate(unary.Operand);
                if (unary.Method is { } conversion)
                {
                    return Invoke(() => conversion.Invoke(null, [operand]));
                }

                return TryConvert(operand, unary.Type, out var converted) ? converted : Interpret(expression);
            case MethodCallExpression call when !HasByRefLike(call.Method):
                var instance = call.Object is null ? null : Evaluate(call.Object);
                var arguments = EvaluateAll(call.Arguments);
                return Invoke(() => call.Method.Invoke(instance, arguments));
            case NewExpression { Constructor: { } constructor } creation when !constructor.DeclaringType!.IsByRefLike:
                var values = EvaluateAll(creation.Arguments);
                return Invoke(() => constructor.Invoke(values));
            case NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array when array.Type == typeof(byte[]):
                var bytes = new byte[array.Expressions.Count];
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = (byte)Evaluate(array.Expressions[i])!;
                }

                return bytes;
            default:
                return Interpret(expression);
        }
    }

    /// <summary>
    /// The elements of a sequence the query only reads (for <c>values.Contains(t.Prop)</c>): arrays, lists, any
    /// IEnumerable, including arrays that C# 14 passes to <c>MemoryExtensions.Contains</c> as spans.
    /// </summary>
    public static List<object?> EvaluateSequence(Expression expression)
    {
        expression = UnwrapSpan(expression);
        var items = new List<object?>();
        if (expression is NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array)
        {
            foreach (var element in array.Expressions)
            {
                items.Add(Evaluate(element));
            }

            return items;
        }

        if (Evaluate(expression) is not IEnumerable sequence)
        {
            throw LinqTranslator.NotSupported(expression, "the value list is null or not a sequence");
        }

        foreach (var item in sequence)
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>The array or list behind an implicit conversion to a span (C# 14 binds array.Contains to spans).</summary>
    public static Expression UnwrapSpan(Expression expression)
    {
        while (true)
        {
            switch (expression)
            {
                case MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } call when IsSpan(call.Type):
                    expression = call.Arguments[0];
                    continue;
                case UnaryExpression { NodeType: ExpressionType.Convert } unary when IsSpan(unary.Type):
                    expression = unary.Operand;
                    continue;
                case NewExpression { Arguments.Count: 1 } creation when IsSpan(creation.Type):
                    expression = creation.Arguments[0];
                    continue;
                default:
                    return expression;
            }
        }
    }

    public static bool IsSpan(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>) || type.GetGenericTypeDefinition() == typeof(Span<>));

    /// <summary>A .NET value as a query argument; <paramref name="source"/> names it in errors.</summary>
    public static RealmValue ToRealmValue(object? value, Expression source) => value switch
    {
        null => RealmValue.Null,
        RealmValue realmValue => realmValue,
        bool b => b,
        string s => s,
        Enum e => EnumValue(e),
        byte or sbyte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => unchecked((long)u),
        char c => c.ToString(),
        float f => f,
        double d => d,
        decimal m => m,
        DateTimeOffset date => date,
        DateTime dateTime => ValueConversions.FromDateTime(dateTime),
        Guid guid => guid,
        ObjectId objectId => objectId,
        byte[] data => data,
        RealmInteger<int> counter => (long)counter.Value,
        RealmInteger<long> counter => counter.Value,
        RealmInteger<short> counter => (long)counter.Value,
        RealmInteger<byte> counter => (long)counter.Value,
        IRealmObjectBase => throw LinqTranslator.NotSupported(source,
            "objects cannot be compared directly; compare their primary keys instead (for example 't.Project.Id == project.Id')"),
        _ => throw LinqTranslator.NotSupported(source, $"a value of type {value.GetType().Name} cannot be stored in a realm"),
    };

    private static RealmValue EnumValue(Enum value) =>
        Type.GetTypeCode(Enum.GetUnderlyingType(value.GetType())) is TypeCode.UInt64
            ? unchecked((long)Convert.ToUInt64(value, CultureInfo.InvariantCulture))
            : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static object? Target(Expression? instance, MemberExpression member)
    {
        if (instance is null)
        {
            return null;
        }

        return Evaluate(instance) ?? throw LinqTranslator.NotSupported(member, $"'{instance}' is null");
    }

    private static object?[] EvaluateAll(IReadOnlyList<Expression> expressions)
    {
        var values = new object?[expressions.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Evaluate(expressions[i]);
        }

        return values;
    }

    private static bool HasByRefLike(MethodInfo method)
    {
        if (method.ReturnType.IsByRefLike)
        {
            return true;
        }

        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType.IsByRefLike || parameter.ParameterType.IsByRef)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Boxing, nullable wrapping, enum and numeric conversions, without the interpreter.</summary>
    private static bool TryConvert(object? value, Type type, out object? result)
    {
        result = value;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null || target.IsInstanceOfType(value))
        {
            return true;
        }

        if (value is Enum e)
        {
            value = Type.GetTypeCode(Enum.GetUnderlyingType(e.GetType())) is TypeCode.UInt64
                ? Convert.ToUInt64(e, CultureInfo.InvariantCulture)
                : Convert.ToInt64(e, CultureInfo.InvariantCulture);
        }

        if (target.IsEnum)
        {
            result = Enum.ToObject(target, value);
            return true;
        }

        if (value is IConvertible && Type.GetTypeCode(target) is >= TypeCode.Char and <= TypeCode.Decimal)
        {
            if (value is float or double && Type.GetTypeCode(target) is >= TypeCode.Char and <= TypeCode.UInt64)
            {
                value = Math.Truncate(Convert.ToDouble(value, CultureInfo.InvariantCulture)); // C# casts truncate
            }

            result = Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            return true;
        }

        return false;
    }

    private static object? Interpret(Expression expression) =>
        Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)();

    private static object? Invoke(Func<object?> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }

    /// <summary>Finds parameters read but not declared inside the expression (nested lambdas declare their own).</summary>
    private sealed class ParameterFinder : ExpressionVisitor
    {
        private readonly HashSet<ParameterExpression> _declared = [];
        private bool _found;

        public static bool Finds(Expression expression)
        {
            var finder = new ParameterFinder();
            finder.Visit(expression);
            return finder._found;
        }

        public override Expression? Visit(Expression? node) => _found ? node : base.Visit(node);

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _declared.UnionWith(node.Parameters);
            return base.VisitLambda(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= !_declared.Contains(node);
            return node;
        }
    }
}
