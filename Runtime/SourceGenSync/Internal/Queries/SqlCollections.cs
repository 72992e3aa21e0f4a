using System;
using System.Text;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// Predicates over lists, sets, dictionaries (side tables <c>class_{Class}.{Prop}</c>) and backlinks (the origin
/// class's link column, or the origin's link collection, pointing at the owner's identity), as correlated
/// subqueries of the owner's row.
/// </summary>
internal static class SqlCollections
{
    private static readonly string Owner = StorageLayout.Quote(CollectionTableMap.OwnerColumn);
    private static readonly string Key = StorageLayout.Quote(CollectionTableMap.KeyColumn);
    private static readonly string Value = StorageLayout.Quote(CollectionTableMap.ValueColumn);
    private static readonly string Aux = StorageLayout.Quote(CollectionTableMap.AuxColumn);

    public static void WriteAny(CollectionAnyNode node, SqlScope scope, StringBuilder sql)
    {
        var collection = scope.ResolveCollection(node.Collection);
        var compilation = scope.Compilation;
        var source = Open(collection, compilation, withElementScope: true);
        var element = source.Element!;
        var predicate = new StringBuilder();
        SqlPredicates.Write(node.Predicate, element, predicate);
        sql.Append("EXISTS (SELECT 1 FROM ").Append(source.From).Append(element.Joins)
            .Append(" WHERE ").Append(source.Correlation).Append(" AND ").Append(predicate).Append(')');
    }

    public static void WriteCount(CollectionCountNode node, SqlScope scope, StringBuilder sql)
    {
        var collection = scope.ResolveCollection(node.Collection);
        var compilation = scope.Compilation;
        var source = Open(collection, compilation, withElementScope: false);

        // "Has elements" and "is empty" are the common cases: EXISTS stops at the first row.
        var exists = (node.Operator, node.Count) switch
        {
            (ComparisonOperator.GreaterThan, 0) or (ComparisonOperator.GreaterThanOrEqual, 1) or (ComparisonOperator.NotEqual, 0) => "EXISTS",
            (ComparisonOperator.Equal, 0) or (ComparisonOperator.LessThan, 1) or (ComparisonOperator.LessThanOrEqual, 0) => "NOT EXISTS",
            _ => null,
        };
        if (exists is not null)
        {
            sql.Append(exists).Append(" (SELECT 1 FROM ").Append(source.From).Append(" WHERE ").Append(source.Correlation).Append(')');
            return;
        }

        sql.Append("(SELECT ").Append(source.Count).Append(" FROM ").Append(source.From).Append(" WHERE ").Append(source.Correlation).Append(')')
            .Append(SqlComparisons.Symbol(node.Operator)).Append(compilation.Parameter(node.Count));
    }

    public static void WriteContainsKey(DictionaryContainsKeyNode node, SqlScope scope, StringBuilder sql)
    {
        var collection = scope.ResolveCollection(node.Dictionary);
        if (collection.Property.Collection != CollectionKind.Dictionary)
        {
            throw new NotSupportedException($"'{collection.Description}' is not a dictionary, so it has no keys to look up.");
        }

        var compilation = scope.Compilation;
        var source = Open(collection, compilation, withElementScope: false);
        sql.Append("EXISTS (SELECT 1 FROM ").Append(source.From).Append(" WHERE ").Append(source.Correlation)
            .Append(" AND ").Append(source.ElementAlias).Append('.').Append(Key).Append(" = ")
            .Append(compilation.Parameter(node.Key ?? throw new ArgumentException("The dictionary key cannot be null.", nameof(node))))
            .Append(')');
    }

    /// <summary>
    /// The FROM clause of a subquery over the collection's elements, the condition tying them to the owner row, and
    /// (optionally) the scope in which element predicates are evaluated.
    /// </summary>
    private static Source Open(SqlCollection collection, SqlCompilation compilation, bool withElementScope)
    {
        var owner = collection.Owner;
        var property = collection.Property;
        if (property.IsComputed)
        {
            return OpenBacklinks(collection, compilation, withElementScope);
        }

        var side = owner.CollectionsByOrdinal[property.Index]
            ?? throw new InvalidOperationException($"'{owner.ClassName}.{property.MappedName}' has no side table.");
        var e = compilation.NewAlias();
        var from = side.QuotedName + " " + e;
        var correlation = e + "." + Owner + " = " + collection.OwnerAlias + "." + SqlCompilation.KeyColumn;
        if (!withElementScope)
        {
            return new Source(from, correlation, null, e, "COUNT(*)");
        }

        var value = e + "." + Value;
        var self = new SqlColumn(
            value,
            side.HasAux ? e + "." + Aux : null,
            side.Encoding,
            side.StoredEncoding,
            collection.Description + "[element]",
            property,
            null,
            null);
        if (side.Target is not { } target)
        {
            return new Source(from, correlation, new SqlScope(compilation, null, e, self), e, "COUNT(*)");
        }

        // Object elements: their properties come from the target row; a null dictionary value keeps its row.
        var x = compilation.NewAlias();
        var scope = new SqlScope(compilation, target, x, self);
        scope.AddJoin($" LEFT JOIN {target.QuotedName} {x} ON {x}.{target.QuotedIdentityColumn} = {value}");
        return new Source(from, correlation, scope, e, "COUNT(*)");
    }

    private static Source OpenBacklinks(SqlCollection collection, SqlCompilation compilation, bool withElementScope)
    {
        var property = collection.Property;
        var origin = compilation.Table(property.ObjectType
            ?? throw new InvalidOperationException($"The backlink '{collection.Description}' names no origin class."));
        var originName = property.LinkOriginProperty
            ?? throw new InvalidOperationException($"The backlink '{collection.Description}' names no origin property.");
        var originProperty = SqlCompilation.FindProperty(origin, originName, PropertyPath.Of(originName));
        var identity = collection.OwnerAlias + "." + collection.Owner.QuotedIdentityColumn;
        var x = compilation.NewAlias();
        var scope = withElementScope ? new SqlScope(compilation, origin, x, null) : null;
        if (originProperty.Collection == CollectionKind.None)
        {
            var link = origin.Column(originProperty.Index);
            return new Source(origin.QuotedName + " " + x, x + "." + link.QuotedName + " = " + identity, scope, x, "COUNT(*)");
        }

        var side = origin.CollectionsByOrdinal[originProperty.Index]
            ?? throw new InvalidOperationException($"'{origin.ClassName}.{originProperty.MappedName}' has no side table.");
        var e = compilation.NewAlias();
        var key = SqlCompilation.KeyColumn;
        var from = $"{side.QuotedName} {e} JOIN {origin.QuotedName} {x} ON {x}.{key} = {e}.{Owner}";

        // Each origin object counts once, however often its collection links here.
        var count = "COUNT(DISTINCT " + e + "." + Owner + ")";
        return new Source(from, e + "." + Value + " = " + identity, scope, e, count);
    }

    /// <param name="From">The subquery's FROM clause.</param>
    /// <param name="Correlation">The condition tying its rows to the owner row.</param>
    /// <param name="Element">Where element predicates are evaluated (when asked for).</param>
    /// <param name="ElementAlias">The alias of the side table (or backlink origin) rows.</param>
    /// <param name="Count">The expression counting elements.</param>
    private sealed record Source(string From, string Correlation, SqlScope? Element, string ElementAlias, string Count);
}
