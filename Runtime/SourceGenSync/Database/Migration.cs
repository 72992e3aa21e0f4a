using System;
using System.Collections.Generic;
using SourceGenSync.Internal.Migrations;

namespace SourceGenSync;

/// <summary>
/// What a <see cref="MigrationCallback"/> works with: the objects as the file stored them (<see cref="OldObjects"/>)
/// and the realm with the configured schema (<see cref="NewRealm"/>), already inside the migration's write
/// transaction. When the callback returns, the migration commits with the open; if it throws, nothing is kept and
/// the open fails with a <see cref="RealmMigrationException"/>.
/// </summary>
/// <remarks>
/// By the time the callback runs, every class whose stored shape changed has been rebuilt: values of properties
/// whose stored type is unchanged are already copied (under the same row keys, so links and embedded objects still
/// resolve), new properties and properties whose type changed hold their type's default, and removed properties are
/// gone from the new objects — but still readable from <see cref="OldObjects"/>. Classes that were only extended
/// keep their tables, so their old objects are the same rows the callback changes.
/// <para>What the callback changes is not recorded in the change log: a migration is local schema work.</para>
/// </remarks>
public sealed class Migration
{
    private readonly MigrationSession _session;
    private bool _ended;

    internal Migration(Realm newRealm, MigrationSession session, ulong oldSchemaVersion)
    {
        NewRealm = newRealm;
        _session = session;
        OldSchemaVersion = oldSchemaVersion;
    }

    /// <summary>
    /// The realm with the configured schema, inside the migration's write transaction: query it, find objects and
    /// set their properties directly (without Write or BeginWrite, which throw here).
    /// </summary>
    public Realm NewRealm { get; }

    /// <summary>The schema version the file had before this migration.</summary>
    public ulong OldSchemaVersion { get; }

    /// <summary>
    /// Every object of a class as the file stored it before the migration, in row key order. Use the stored class
    /// name (the [MapTo] name if the class has one); a class removed from the configuration can still be read.
    /// </summary>
    public IEnumerable<MigrationObject> OldObjects(string className)
    {
        ThrowIfEnded();
        return _session.OldObjects(className);
    }

    /// <summary>
    /// The new object for an old one (matched by row key, which a migration keeps); null when it is not in the new
    /// realm (its class was not in the old schema under that name, or the callback removed it).
    /// </summary>
    public T? FindInNewRealm<T>(MigrationObject oldObject)
        where T : class, IRealmObject
    {
        ArgumentNullException.ThrowIfNull(oldObject);
        ThrowIfEnded();
        if (!NewRealm.Layout.TryGetTable(typeof(T), out var table))
        {
            throw new ArgumentException($"The class '{typeof(T).Name}' is not part of the configured schema.");
        }

        if (table.ClassName != oldObject.ClassName)
        {
            throw new ArgumentException($"The old object is a '{oldObject.ClassName}', but {typeof(T).Name} is stored as '{table.ClassName}'.", nameof(oldObject));
        }

        return (T?)NewRealm.FindByKey(NewRealm.ClassStateOf(table), oldObject.Key);
    }

    /// <summary>
    /// Carries the values of a property that was renamed into the new property (stored names, or the new C# name).
    /// The stored types must be the same (nullability may differ: nulls become the type's default); for any other
    /// change convert the values from <see cref="OldObjects"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The class or either property does not exist.</exception>
    /// <exception cref="InvalidOperationException">The stored types differ.</exception>
    public void RenameProperty(string className, string oldPropertyName, string newPropertyName)
    {
        ThrowIfEnded();
        var table = _session.RenameProperty(className, oldPropertyName, newPropertyName);
        NewRealm.ReloadLiveObjects(table);
    }

    /// <summary>
    /// Deletes a class that is no longer in the configured schema from the file: its objects and its stored
    /// schema. Returns false when the file has no such class. Classes left out of the configuration are otherwise
    /// kept in the file untouched.
    /// </summary>
    /// <exception cref="InvalidOperationException">The class is still configured.</exception>
    public bool RemoveType(string className)
    {
        ThrowIfEnded();
        return _session.RemoveType(className);
    }

    internal void End() => _ended = true;

    private void ThrowIfEnded()
    {
        if (_ended)
        {
            throw new InvalidOperationException("The migration is over: use the Migration object only inside the MigrationCallback it was passed to.");
        }
    }
}
