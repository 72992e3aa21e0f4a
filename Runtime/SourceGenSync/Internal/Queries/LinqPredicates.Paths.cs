using System;
using System.Linq.Expressions;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Queries;

/// <summary>Member chains on the lambda parameter as stored property paths.</summary>
internal sealed partial class LinqPredicates
{
    private enum PathKind
    {
        /// <summary>An object (the parameter, a link or an embedded object): its properties can follow.</summary>
        Object,
        /// <summary>A value: a scalar property, or the element of a primitive collection.</summary>
        Scalar,
        /// <summary>A list, set, dictionary or backlink property.</summary>
        Collection,
    }

    /// <param name="Path">The stored path from the parameter.</param>
    /// <param name="Property">The last property (for collections: the collection property).</param>
    /// <param name="Table">For objects, the object's class; for collections of objects, the element class.</param>
    /// <param name="Kind">What the path reaches.</param>
    private readonly record struct LinqPath(PropertyPath Path, Property? Property, TableMap? Table, PathKind Kind);

    private LinqPath RequirePath(Expression expression, PathKind? kind)
    {
        if (TryPath(expression, out var path) && (kind is null || path.Kind == kind))
        {
            return path;
        }

        throw LinqTranslator.NotSupported(expression, kind switch
        {
            PathKind.Collection => "it is not a list, set, dictionary or backlink property of the queried object",
            PathKind.Scalar => "it is not a stored value property of the queried object",
            _ => "it is not a stored property of the queried object",
        });
    }

    private bool TryPath(Expression expression, out LinqPath path)
    {
        path = default;
        expression = StripConversions(expression);
        if (expression == _parameter)
        {
            path = _table is not null
                ? new LinqPath(PropertyPath.Empty, null, _table, PathKind.Object)
                : new LinqPath(PropertyPath.Empty, _element, null, PathKind.Scalar);
            return true;
        }

        if (expression is not MemberExpression { Expression: { } owner } member || !TryPath(owner, out var inner))
        {
            return false;
        }

        var name = member.Member.Name;
        switch (inner.Kind)
        {
            case PathKind.Object:
                if (!inner.Table!.Schema.TryFindProperty(name, out var property) || !string.Equals(property.Name, name, StringComparison.Ordinal))
                {
                    throw LinqTranslator.NotSupported(expression, $"'{name}' is not a stored property of '{inner.Table.ClassName}'");
                }

                var next = inner.Path.Append(property.MappedName);
                if (property.IsComputed || property.Collection != CollectionKind.None)
                {
                    var elements = property.Type is PropertyType.Object or PropertyType.LinkingObjects ? Table(property.ObjectType, expression) : null;
                    path = new LinqPath(next, property, elements, PathKind.Collection);
                }
                else
                {
                    path = property.Type == PropertyType.Object
                        ? new LinqPath(next, property, Table(property.ObjectType, expression), PathKind.Object)
                        : new LinqPath(next, property, null, PathKind.Scalar);
                }

                return true;
            case PathKind.Scalar when name == "Value" && (IsGeneric(owner.Type, typeof(Nullable<>)) || IsGeneric(owner.Type, typeof(RealmInteger<>))):
                path = inner;
                return true;
            case PathKind.Collection when name == "Values" && inner.Property?.Collection == CollectionKind.Dictionary:
                path = inner;
                return true;
            default:
                return false;
        }
    }

    private TableMap Table(string? className, Expression expression) =>
        className is not null && _layout.TryGetTable(className, out var table)
            ? table
            : throw LinqTranslator.NotSupported(expression, $"the class '{className}' is not part of this realm's schema");

    /// <summary>Removes conversions that do not change which stored value is meant (nullable, enum, widening, counters).</summary>
    private static Expression StripConversions(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.TypeAs } unary
            && IsTransparent(unary.Operand.Type, unary.Type))
        {
            expression = unary.Operand;
        }

        return expression;
    }

    private static bool IsTransparent(Type from, Type to)
    {
        from = Core(from);
        to = Core(to);
        if (from == to || to == typeof(object) || to.IsAssignableFrom(from))
        {
            return true;
        }

        var fromCode = Type.GetTypeCode(from);
        var toCode = Type.GetTypeCode(to);
        var fromIntegral = fromCode is >= TypeCode.SByte and <= TypeCode.UInt64;
        return (fromIntegral && toCode is >= TypeCode.SByte and <= TypeCode.Decimal)
            || (fromCode == TypeCode.Single && toCode == TypeCode.Double);

        // The stored number behind a nullable, an enum or a counter.
        static Type Core(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsEnum)
            {
                return Enum.GetUnderlyingType(type);
            }

            return IsGeneric(type, typeof(RealmInteger<>)) ? type.GetGenericArguments()[0] : type;
        }
    }

    private static bool IsGeneric(Type type, Type definition) => type.IsGenericType && type.GetGenericTypeDefinition() == definition;
}
