using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SourceGenSync.Internal.Storage;

namespace SourceGenSync.Internal.Objects;

/// <summary>
/// A realm's state for one class: its identity map (one live object per row, held weakly so unreferenced objects
/// can be collected) and its prepared statements, which are reused for the realm's life.
/// </summary>
internal sealed class ClassState
{
    private const int SweepThreshold = 1024;

    // The maps are read on paths that do not hold the realm's gate (a cache hit in Find, Add's key lookup) while
    // another thread may be materializing under the gate: every access goes through this lock.
    private readonly System.Threading.Lock _mapGate = new();

    private readonly RawStatement?[] _updates;
    private readonly SqliteCommand?[] _counterUpdates;
    private int _sweepAt = SweepThreshold;

    // Objects by row key; row keys of objects Add registered by primary key wait in _pendingKeys, in order (see RegisterNew).
    private readonly Dictionary<long, WeakReference<IRealmObjectBase>> _byKey = [];
    private readonly List<(long Key, WeakReference<IRealmObjectBase> Weak)> _pendingKeys = [];
    private RowCollector? _spareCollector;

    public ClassState(TableMap table)
    {
        Table = table;
        _updates = new RawStatement?[table.Schema.Properties.Count];
        _counterUpdates = new SqliteCommand?[table.Schema.Properties.Count];
        ByIdentity = table.PrimaryKey is null ? null : [];
    }

    public TableMap Table { get; }

    /// <summary>
    /// Whether a link ever registered a not-yet-read object of this class by primary key alone (row key unknown).
    /// Until then materializing a row needs no second identity-map lookup to find such an object.
    /// </summary>
    public bool MayHaveHollows { get; set; }


    /// <summary>Objects by primary key (classes with one); includes objects reached through links but not loaded yet.</summary>
    public Dictionary<RealmValue, WeakReference<IRealmObjectBase>>? ByIdentity { get; }

    public RawStatement? Insert { get; set; }

    public RawStatement? SelectByKey { get; set; }

    public RawStatement? SelectByIdentity { get; set; }

    public RawStatement? KeyByIdentity { get; set; }

    public SqliteCommand? Delete { get; set; }

    /// <summary>A row collector for an Add of this class: the last one returned, reset, or a new one (nested Adds of the same class).</summary>
    public RowCollector RentCollector()
    {
        var collector = _spareCollector ?? new RowCollector(Table);
        _spareCollector = null;
        return collector;
    }

    public void ReturnCollector(RowCollector collector)
    {
        collector.Reset();
        _spareCollector = collector;
    }

    public RawStatement? Update(int ordinal) => _updates[ordinal];

    public void SetUpdate(int ordinal, RawStatement statement) => _updates[ordinal] = statement;

    public SqliteCommand? CounterUpdate(int ordinal) => _counterUpdates[ordinal];

    public void SetCounterUpdate(int ordinal, SqliteCommand command) => _counterUpdates[ordinal] = command;

    public bool TryGetByKey(long key, out IRealmObjectBase obj)
    {
        lock (_mapGate)
        {
            FlushPendingKeys();
            if (_byKey.TryGetValue(key, out var weak) && weak.TryGetTarget(out obj!))
            {
                return true;
            }
        }

        obj = null!;
        return false;
    }

    public bool TryGetByIdentity(in RealmValue identity, out IRealmObjectBase obj)
    {
        if (ByIdentity is null)
        {
            return identity.Type == RealmValueType.Int ? TryGetByKey(identity.AsInt64(), out obj) : Fail(out obj);
        }

        lock (_mapGate)
        {
            if (ByIdentity.TryGetValue(identity, out var weak) && weak.TryGetTarget(out obj!))
            {
                return true;
            }
        }

        obj = null!;
        return false;
    }

    /// <summary>
    /// Registers an object Add just inserted. For a class with a primary key only the primary-key map is written at
    /// once; the row key joins a pending list, folded into the row-key map (sized once for all of them) before the
    /// next use of that map (a lookup by row key, a registration or removal, a sweep). A bulk insert then grows one map per object instead of two, and lookups see
    /// exactly what <see cref="Register"/> would have given them.
    /// </summary>
    public void RegisterNew(ManagedAccessor accessor, IRealmObjectBase obj)
    {
        if (ByIdentity is null || accessor.Key < 0 || accessor.Identity.IsNull)
        {
            Register(accessor, obj);
            return;
        }

        lock (_mapGate)
        {
            var weak = new WeakReference<IRealmObjectBase>(obj);
            _pendingKeys.Add((accessor.Key, weak));
            ByIdentity[accessor.Identity] = weak;
            if (_byKey.Count + ByIdentity.Count + _pendingKeys.Count > _sweepAt)
            {
                Sweep();
            }
        }
    }

    public void Register(ManagedAccessor accessor, IRealmObjectBase obj)
    {
        lock (_mapGate)
        {
            FlushPendingKeys();
            var weak = new WeakReference<IRealmObjectBase>(obj);
            if (accessor.Key >= 0)
            {
                _byKey[accessor.Key] = weak;
            }

            if (ByIdentity is not null && !accessor.Identity.IsNull)
            {
                ByIdentity[accessor.Identity] = weak;
            }

            if (_byKey.Count + (ByIdentity?.Count ?? 0) > _sweepAt)
            {
                Sweep();
            }
        }
    }

    public void Unregister(ManagedAccessor accessor)
    {
        lock (_mapGate)
        {
            FlushPendingKeys();
            if (accessor.Key >= 0)
            {
                _byKey.Remove(accessor.Key);
            }

            if (ByIdentity is not null && !accessor.Identity.IsNull)
            {
                ByIdentity.Remove(accessor.Identity);
            }
        }
    }

    /// <summary>Every live managed object of this class (for invalidation on close and refresh).</summary>
    public List<IRealmObjectBase> LiveObjects()
    {
        lock (_mapGate)
        {
            FlushPendingKeys();
            var result = new List<IRealmObjectBase>(_byKey.Count);
            var seen = new HashSet<IRealmObjectBase>(ReferenceEqualityComparer.Instance);
            foreach (var weak in _byKey.Values)
            {
                if (weak.TryGetTarget(out var obj) && seen.Add(obj))
                {
                    result.Add(obj);
                }
            }

            if (ByIdentity is not null)
            {
                foreach (var weak in ByIdentity.Values)
                {
                    if (weak.TryGetTarget(out var obj) && seen.Add(obj))
                    {
                        result.Add(obj);
                    }
                }
            }

            return result;
        }
    }

    public void DisposeCommands()
    {
        Insert?.Dispose();
        SelectByKey?.Dispose();
        SelectByIdentity?.Dispose();
        KeyByIdentity?.Dispose();
        Delete?.Dispose();
        foreach (var command in _updates)
        {
            command?.Dispose();
        }

        foreach (var command in _counterUpdates)
        {
            command?.Dispose();
        }
    }

    private static bool Fail(out IRealmObjectBase obj)
    {
        obj = null!;
        return false;
    }

    private void FlushPendingKeys()
    {
        if (_pendingKeys.Count == 0)
        {
            return;
        }

        _byKey.EnsureCapacity(_byKey.Count + _pendingKeys.Count);
        foreach (var (key, weak) in _pendingKeys)
        {
            _byKey[key] = weak;
        }

        _pendingKeys.Clear();
    }

    private void Sweep()
    {
        FlushPendingKeys();
        RemoveDead(_byKey);
        if (ByIdentity is not null)
        {
            RemoveDead(ByIdentity);
        }

        _sweepAt = Math.Max(SweepThreshold, (_byKey.Count + (ByIdentity?.Count ?? 0)) * 2);
    }

    private static void RemoveDead<TKey>(Dictionary<TKey, WeakReference<IRealmObjectBase>> map)
        where TKey : notnull
    {
        List<TKey>? dead = null;
        foreach (var (key, weak) in map)
        {
            if (!weak.TryGetTarget(out _))
            {
                (dead ??= []).Add(key);
            }
        }

        if (dead is not null)
        {
            foreach (var key in dead)
            {
                map.Remove(key);
            }
        }
    }
}
