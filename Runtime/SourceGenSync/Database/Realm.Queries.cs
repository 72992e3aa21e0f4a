using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Objects;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;
using SourceGenSync.Schema;

namespace SourceGenSync;

public sealed partial class Realm
{
    /// <summary>Every object of class <typeparamref name="T"/>: a lazy, live query to filter, sort and observe.</summary>
    public IQueryable<T> All<T>()
        where T : IRealmObject
    {
        ThrowIfClosed();
        return new RealmResults<T>(this, ClassStateOf<T>().Table);
    }

    /// <summary>The objects whose link (or link list) named by a backlink property points at <paramref name="target"/>.</summary>
    internal IQueryable<T> Backlinks<T>(ManagedAccessor target, Property backlink)
        where T : IRealmObjectBase
    {
        var origin = Layout[backlink.ObjectType!];
        var link = origin.Schema.TryFindProperty(backlink.LinkOriginProperty!, out var property)
            ? property
            : throw new InvalidOperationException($"The backlink '{target.Table.ClassName}.{backlink.Name}' names '{backlink.ObjectType}.{backlink.LinkOriginProperty}', which does not exist.");
        var path = PropertyPath.Of(link.MappedName);

        // A link compares by the target's identity; a list or set of links matches when any element is the target.
        QueryNode filter = link.Collection == CollectionKind.None
            ? new ComparisonNode(path, ComparisonOperator.Equal, target.Identity)
            : new CollectionAnyNode(path, new ComparisonNode(PropertyPath.Empty, ComparisonOperator.Equal, target.Identity));
        return new RealmResults<T>(this, origin, filter);
    }

    // Optimized at once rather than tiered: its loop materializes every result row, and the first large query of
    // a process would otherwise run it as unoptimized code (then through on-stack replacement).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal List<T> ExecuteSelect<T>(TableMap table, SqlQuery query)
    {
        var state = _classes[table.Id];
        lock (Gate)
        {
            ThrowIfClosed();
            BeginRead();
            var statement = Statement(query.Text);
            try
            {
                foreach (var (name, value) in query.Parameters)
                {
                    if (statement.IndexOf(name) is > 0 and var index)
                    {
                        statement.Bind(index, value);
                    }
                }

                var list = new List<T>();
                while (statement.Step())
                {
                    list.Add((T)Materialize(statement, state));
                }

                return list;
            }
            finally
            {
                statement.Reset();
            }
        }
    }

    /// <summary>A raw statement cached for the realm's life by its SQL text (call under the gate).</summary>
    private RawStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(_connection, sql);
            _statements[sql] = statement;
        }

        return statement;
    }

    internal long ExecuteCount(TableMap table, QueryModel model)
    {
        var query = SqlQueryCompiler.CompileCount(Layout, model);
        return (long)ExecuteScalar(query)!;
    }

    internal object? ExecuteScalar(SqlQuery query)
    {
        lock (Gate)
        {
            var result = BoundCommand(query).ExecuteScalar();
            return result is DBNull ? null : result;
        }
    }

    internal RealmValue ExecuteAggregate(SqlAggregate aggregate)
    {
        lock (Gate)
        {
            ThrowIfClosed();
            BeginRead();
            using var command = Connection.CreateCommand();
            return aggregate.Execute(command);
        }
    }

    /// <summary>Keys of a query's results in order (notifications diff them).</summary>
    internal List<long> ExecuteKeys(QueryModel model)
    {
        var query = SqlQueryCompiler.CompileKeys(Layout, model);
        lock (Gate)
        {
            using var reader = BoundCommand(query).ExecuteReader();
            var keys = new List<long>();
            while (reader.Read())
            {
                keys.Add(reader.GetInt64(0));
            }

            return keys;
        }
    }

    /// <summary>The cached command for a compiled query, bound, on this realm's snapshot (call under the gate).</summary>
    private SqliteCommand BoundCommand(SqlQuery query)
    {
        ThrowIfClosed();
        BeginRead();
        var command = Command(query.Text);
        Bind(command, query);
        return command;
    }

    /// <summary>Cached commands are keyed by SQL text; parameters are rebound on each use.</summary>
    private static void Bind(SqliteCommand command, SqlQuery query)
    {
        var parameters = command.Parameters;
        if (parameters.Count != query.Parameters.Count)
        {
            parameters.Clear();
            foreach (var (name, value) in query.Parameters)
            {
                parameters.AddWithValue(name, value);
            }

            return;
        }

        for (var i = 0; i < query.Parameters.Count; i++)
        {
            parameters[i].Value = query.Parameters[i].Value;
        }
    }
}
