using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;
using SourceGenSync.Schema;

namespace SourceGenSync.Internal.Queries;

/// <summary>State shared by one compilation: the layout, the parameters collected so far, and fresh table aliases.</summary>
internal sealed class SqlCompilation
{
    public const string RootAlias = "t0";

    private readonly List<(string Name, object Value)> _parameters = [];
    private int _nextAlias = 1;

    public SqlCompilation(StorageLayout layout) => Layout = layout;

    public StorageLayout Layout { get; }

    public static string KeyColumn { get; } = StorageLayout.Quote(StorageLayout.KeyColumn);

    public string NewAlias() => "t" + (_nextAlias++).ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds a parameter and returns its name for the SQL text.</summary>
    public string Parameter(object value)
    {
        var name = "$p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }

    public (string Name, object Value)[] Parameters() => [.. _parameters];

    public TableMap Table(string className) =>
        Layout.TryGetTable(className, out var table)
            ? table
            : throw new ArgumentException($"The class '{className}' is not part of this realm's schema, so it cannot be queried.", nameof(className));

    /// <summary>
    /// A property by its stored name (paths hold stored names); the C# name is accepted when no stored name matches.
    /// </summary>
    public static Property FindProperty(TableMap table, string name, PropertyPath path)
    {
        foreach (var property in table.Schema.Properties)
        {
            if (string.Equals(property.MappedName, name, StringComparison.Ordinal))
            {
                return property;
            }
        }

        return table.Schema.TryFindProperty(name, out var byName)
            ? byName
            : throw new ArgumentException($"The class '{table.ClassName}' has no property '{name}' (in the query path '{path}').", nameof(path));
    }
}

/// <summary>What a path resolves to; <see cref="Description"/> is the path as the user wrote it, for errors.</summary>
internal abstract record SqlTarget(string Description);

/// <summary>A value reachable from a scope: a column of a class table, a side table's element, or a link's target identity.</summary>
internal sealed record SqlColumn(
    string Sql,
    string? AuxSql,
    ValueEncoding Encoding,
    ValueEncoding StoredEncoding,
    string Description,
    Property? Property,
    TableMap? Owner,
    string? OwnerAlias) : SqlTarget(Description);

/// <summary>A collection or backlink property of a row of <see cref="Owner"/> (aliased <see cref="OwnerAlias"/>).</summary>
internal sealed record SqlCollection(TableMap Owner, string OwnerAlias, Property Property, string Description) : SqlTarget(Description);

/// <summary>
/// Where paths are resolved: the root table of a statement, or the element of a collection inside an EXISTS
/// subquery. Each scope owns the LEFT JOINs its paths need, one per distinct link prefix.
/// </summary>
internal sealed class SqlScope
{
    private readonly Dictionary<string, (TableMap Table, string Alias)> _joins = new(StringComparer.Ordinal);

    public SqlScope(SqlCompilation compilation, TableMap? table, string alias, SqlColumn? self)
    {
        Compilation = compilation;
        Table = table;
        Alias = alias;
        Self = self;
    }

    public SqlCompilation Compilation { get; }

    /// <summary>The table whose properties paths name; null for the element of a primitive collection.</summary>
    public TableMap? Table { get; }

    public string Alias { get; }

    /// <summary>What the empty path means (a collection's element value), if anything.</summary>
    public SqlColumn? Self { get; }

    /// <summary>JOIN clauses for the FROM of this scope's statement, in dependency order.</summary>
    public StringBuilder Joins { get; } = new();

    public SqlColumn ResolveColumn(PropertyPath path) => Resolve(path) switch
    {
        SqlColumn column => column,
        var collection => throw new NotSupportedException(
            $"'{collection.Description}' is a collection; compare its count or use Any on it instead of comparing it with a value."),
    };

    public SqlCollection ResolveCollection(PropertyPath path) => Resolve(path) switch
    {
        SqlCollection collection => collection,
        var column => throw new NotSupportedException($"'{column.Description}' is not a list, set, dictionary or backlink property."),
    };

    /// <summary>Walks a path from this scope, joining link targets as needed.</summary>
    public SqlTarget Resolve(PropertyPath path)
    {
        if (path.IsEmpty)
        {
            return Self ?? throw new ArgumentException("The empty path (the element itself) is only valid inside a collection predicate.", nameof(path));
        }

        var description = path.ToString();
        var table = Table ?? throw new NotSupportedException(
            $"The elements of this collection are values, not objects: '{description}' names a property they do not have. Use the empty path for the value itself.");
        var alias = Alias;
        var segments = path.Segments;
        for (var i = 0; ; i++)
        {
            var property = SqlCompilation.FindProperty(table, segments[i], path);
            if (i == segments.Count - 1)
            {
                if (property.Collection != CollectionKind.None || property.IsComputed)
                {
                    return new SqlCollection(table, alias, property, description);
                }

                var column = table.Column(property.Index);
                return new SqlColumn(
                    alias + "." + column.QuotedName,
                    column.HasAux ? alias + "." + column.QuotedAuxName : null,
                    column.Encoding,
                    column.StoredEncoding,
                    description,
                    property,
                    table,
                    alias);
            }

            if (property.Type != PropertyType.Object || property.Collection != CollectionKind.None)
            {
                throw new NotSupportedException(
                    $"The query path '{description}' continues after '{property.MappedName}', which is not a link or embedded object of '{table.ClassName}'.");
            }

            var link = table.Column(property.Index);
            var target = link.Target!;

            // A link stores its target's primary key: comparing that key needs no join.
            if (i == segments.Count - 2 && target.PrimaryKey is { } pk && link.Encoding == ValueEncoding.Link
                && SqlCompilation.FindProperty(target, segments[i + 1], path).IsPrimaryKey)
            {
                return new SqlColumn(alias + "." + link.QuotedName, null, pk.Encoding, pk.Encoding, description, pk.Property, null, null);
            }

            alias = Join(path, i, alias, link);
            table = target;
        }
    }

    /// <summary>Adds a JOIN clause that is not a link join (a collection element's target, a backlink's origin).</summary>
    public void AddJoin(string clause) => Joins.Append(clause);

    private string Join(PropertyPath path, int index, string fromAlias, ColumnMap link)
    {
        var builder = new StringBuilder();
        for (var i = 0; i <= index; i++)
        {
            builder.Append(path.Segments[i]).Append('\u001f');
        }

        var key = builder.ToString();
        if (_joins.TryGetValue(key, out var existing))
        {
            return existing.Alias;
        }

        var target = link.Target!;
        var alias = Compilation.NewAlias();
        Joins.Append(" LEFT JOIN ").Append(target.QuotedName).Append(' ').Append(alias)
            .Append(" ON ").Append(alias).Append('.').Append(target.QuotedIdentityColumn)
            .Append(" = ").Append(fromAlias).Append('.').Append(link.QuotedName);
        _joins.Add(key, (target, alias));
        return alias;
    }
}
