using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using SourceGenSync.Internal.Queries;
using SourceGenSync.Internal.Storage;
using SourceGenSync.Queries;

namespace SourceGenSync;

/// <summary>
/// The live result of a query: lazy (nothing runs until it is enumerated, counted or indexed), always current
/// (it re-runs after the realm changes), and observable. LINQ operators and the generated typed
/// <c>Where(f =&gt; ...)</c> compose new queries; everything becomes one parameterized SQL statement.
/// </summary>
public sealed partial class RealmResults<T> : IOrderedQueryable<T>, IRealmCollection<T>, IQueryModelSource
{
    private readonly TableMap _table;
    private readonly QueryModel _model;
    private List<T>? _snapshot;
    private long _snapshotGeneration = -1;
    private SqlQuery? _select;

    internal RealmResults(Realm realm, TableMap table, QueryNode? filter = null)
        : this(realm, table, filter is null ? QueryModel.All(table.ClassName) : QueryModel.All(table.ClassName).Where(filter))
    {
    }

    internal RealmResults(Realm realm, TableMap table, QueryModel model)
    {
        Realm = realm;
        _table = table;
        _model = model;
        Expression = Expression.Constant(this);
        Provider = new RealmQueryProvider(realm);
    }

    public Realm Realm { get; }

    public bool IsValid => !Realm.IsClosed;

    public Type ElementType => typeof(T);

    public Expression Expression { get; }

    public IQueryProvider Provider { get; }

    QueryModel IQueryModelSource.Model => _model;

    internal QueryModel Model => _model;

    internal TableMap Table => _table;

    /// <summary>The number of matching objects (a COUNT query; no objects are materialized).</summary>
    public int Count
    {
        get
        {
            if (CachedSnapshot() is { } snapshot)
            {
                return snapshot.Count;
            }

            return checked((int)Realm.ExecuteCount(_table, _model));
        }
    }

    public T this[int index]
    {
        get
        {
            var snapshot = Snapshot();
            if ((uint)index >= (uint)snapshot.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The query has {snapshot.Count} results.");
            }

            return snapshot[index];
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The results at the realm's current state, materialized once per state: indexing a result in a loop does not
    /// re-run the query.
    /// </summary>
    internal List<T> Snapshot()
    {
        if (CachedSnapshot() is { } cached)
        {
            return cached;
        }

        Realm.ThrowIfClosed();
        var generation = Realm.Generation;
        _select ??= SqlQueryCompiler.CompileSelect(Realm.Layout, _model);
        var list = Realm.ExecuteSelect<T>(_table, _select);
        _snapshot = list;
        _snapshotGeneration = generation;
        return list;
    }

    private List<T>? CachedSnapshot() => _snapshot is not null && _snapshotGeneration == Realm.Generation ? _snapshot : null;

    public override string ToString() => _model.ToString();
}
