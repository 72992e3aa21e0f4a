using System;
using System.Text;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync.Internal.Queries;

/// <summary>
/// Compiles a <see cref="QueryModel"/> against a <see cref="StorageLayout"/> into parameterized SQL. The root
/// table is aliased <c>t0</c>; paths through links add one LEFT JOIN per distinct prefix. Rows come in the query's
/// orderings with the row key as the final tie-breaker (so equal sort keys keep insertion order), or in insertion
/// order when there are no orderings.
/// </summary>
internal static class SqlQueryCompiler
{
    /// <summary><c>SELECT {TableMap.SelectList("t0")} FROM ...</c>: full rows for the row reader.</summary>
    public static SqlQuery CompileSelect(StorageLayout layout, QueryModel model)
    {
        var (compilation, table) = Start(layout, model);
        var body = Body(compilation, table, SqlCompilation.RootAlias, model, order: true, reverse: false, page: true);
        return Finish(compilation, "SELECT " + table.SelectList(SqlCompilation.RootAlias) + body);
    }

    /// <summary>The row keys of the matching objects, in the same order as <see cref="CompileSelect"/>.</summary>
    public static SqlQuery CompileKeys(StorageLayout layout, QueryModel model)
    {
        var (compilation, table) = Start(layout, model);
        var body = Body(compilation, table, SqlCompilation.RootAlias, model, order: true, reverse: false, page: true);
        return Finish(compilation, "SELECT " + SqlCompilation.RootAlias + "." + SqlCompilation.KeyColumn + body);
    }

    /// <summary>A single-row, single-column count of the matching objects (paging applied).</summary>
    public static SqlQuery CompileCount(StorageLayout layout, QueryModel model)
    {
        var (compilation, table) = Start(layout, model);
        var alias = SqlCompilation.RootAlias;
        var body = Body(compilation, table, alias, model, order: false, reverse: false, page: true);
        return Finish(compilation, model.HasPaging
            ? "SELECT COUNT(*) FROM (SELECT " + alias + "." + SqlCompilation.KeyColumn + body + ")"
            : "SELECT COUNT(*)" + body);
    }

    /// <summary>A single-row 0/1: whether any object matches (paging applied).</summary>
    public static SqlQuery CompileExists(StorageLayout layout, QueryModel model)
    {
        var (compilation, table) = Start(layout, model);
        var body = Body(compilation, table, SqlCompilation.RootAlias, model, order: false, reverse: false, page: true);
        return Finish(compilation, "SELECT EXISTS (SELECT 1" + body + ")");
    }

    /// <summary>The last matching row (at most one row), for Last/LastOrDefault: the ordering reversed.</summary>
    public static SqlQuery CompileLast(StorageLayout layout, QueryModel model)
    {
        var (compilation, table) = Start(layout, model);
        var alias = SqlCompilation.RootAlias;
        var select = "SELECT " + table.SelectList(alias);
        if (!model.HasPaging)
        {
            var body = Body(compilation, table, alias, model with { Take = 1 }, order: true, reverse: true, page: true);
            return Finish(compilation, select + body);
        }

        // With paging, "last" is the last row of the page: pick the page's keys, then reverse their order.
        var inner = compilation.NewAlias();
        var page = "SELECT " + inner + "." + SqlCompilation.KeyColumn
            + Body(compilation, table, inner, model, order: true, reverse: false, page: true);
        var scope = new SqlScope(compilation, table, alias, null);
        var orderBy = OrderBy(scope, model, reverse: true);
        return Finish(compilation, select + " FROM " + table.QuotedName + " " + alias + scope.Joins
            + " WHERE " + alias + "." + SqlCompilation.KeyColumn + " IN (" + page + ") ORDER BY " + orderBy + " LIMIT 1");
    }

    /// <summary>Sum, Min, Max or Average of a property over the matching objects (paging applied).</summary>
    public static SqlAggregate CompileAggregate(StorageLayout layout, QueryModel model, AggregateKind kind, PropertyPath property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var (compilation, table) = Start(layout, model);
        var alias = SqlCompilation.RootAlias;
        var scope = new SqlScope(compilation, table, alias, null);
        var column = scope.ResolveColumn(property);
        var inMemory = SqlAggregate.Validate(kind, column);
        var collate = column.StoredEncoding == ValueEncoding.Decimal ? " COLLATE " + SqliteFunctions.DecimalCollation : "";
        var function = kind switch
        {
            AggregateKind.Sum => "SUM",
            AggregateKind.Min => "MIN",
            AggregateKind.Max => "MAX",
            _ => "AVG",
        };

        string text;
        if (inMemory || model.HasPaging)
        {
            var rows = "SELECT " + column.Sql + " AS v" + Body(compilation, scope, model, order: model.HasPaging, reverse: false, page: true);
            text = inMemory ? rows : "SELECT " + function + "(v" + collate + ") FROM (" + rows + ")";
        }
        else
        {
            text = "SELECT " + function + "(" + column.Sql + collate + ")" + Body(compilation, scope, model, order: false, reverse: false, page: false);
        }

        return new SqlAggregate(Finish(compilation, text), kind, column.StoredEncoding, inMemory);
    }

    private static (SqlCompilation Compilation, TableMap Table) Start(StorageLayout layout, QueryModel model)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(model);
        var compilation = new SqlCompilation(layout);
        return (compilation, compilation.Table(model.ClassName));
    }

    private static SqlQuery Finish(SqlCompilation compilation, string text) => new(text, compilation.Parameters());

    private static string Body(SqlCompilation compilation, TableMap table, string alias, QueryModel model, bool order, bool reverse, bool page) =>
        Body(compilation, new SqlScope(compilation, table, alias, null), model, order, reverse, page);

    /// <summary><c> FROM ... [JOIN ...] [WHERE ...] [ORDER BY ...] [LIMIT ... OFFSET ...]</c> for a root scope.</summary>
    private static string Body(SqlCompilation compilation, SqlScope scope, QueryModel model, bool order, bool reverse, bool page)
    {
        var where = new StringBuilder();
        if (model.Filter is not TruePredicate)
        {
            SqlPredicates.Write(model.Filter, scope, where);
        }

        var orderBy = order ? OrderBy(scope, model, reverse) : null;
        var sql = new StringBuilder(" FROM ").Append(scope.Table!.QuotedName).Append(' ').Append(scope.Alias).Append(scope.Joins);
        if (where.Length > 0)
        {
            sql.Append(" WHERE ").Append(where);
        }

        if (orderBy is not null)
        {
            sql.Append(" ORDER BY ").Append(orderBy);
        }

        if (page)
        {
            if (model.Take is { } take)
            {
                sql.Append(" LIMIT ").Append(compilation.Parameter(Math.Max(take, 0)));
            }
            else if (model.Skip is > 0)
            {
                sql.Append(" LIMIT -1");
            }

            if (model.Skip is { } skip && skip > 0)
            {
                sql.Append(" OFFSET ").Append(compilation.Parameter(skip));
            }
        }

        return sql.ToString();
    }

    private static string OrderBy(SqlScope scope, QueryModel model, bool reverse)
    {
        var sql = new StringBuilder();
        foreach (var sort in model.Sorts)
        {
            var column = scope.ResolveColumn(sort.Property);
            if (column.Encoding is ValueEncoding.Link or ValueEncoding.Embedded)
            {
                throw new NotSupportedException($"Cannot sort by '{column.Description}': it is an object. Sort by one of its properties instead.");
            }

            sql.Append(column.Encoding == ValueEncoding.Mixed ? SqlMixed.SortExpression(column) : column.Sql)
                .Append(sort.Ascending != reverse ? " ASC, " : " DESC, ");
        }

        return sql.Append(scope.Alias).Append('.').Append(SqlCompilation.KeyColumn).Append(reverse ? " DESC" : " ASC").ToString();
    }
}
