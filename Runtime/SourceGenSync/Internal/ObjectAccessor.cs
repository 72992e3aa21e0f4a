using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace SourceGenSync.Internal;

/// <summary>
/// A managed object's handle on its row, implemented by the local store. Generated getters call
/// <see cref="EnsureReadable"/> then return the object's cached field (the store refreshes fields after each
/// commit); generated setters call the typed <see cref="IRowWriter"/> methods, which check the write transaction,
/// write the row and record the change.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ObjectAccessor : IRowWriter
{
    /// <summary>False once the object was removed or its realm was closed.</summary>
    public abstract bool IsValid { get; }

    /// <summary>
    /// Throws a clear exception when the object can no longer be read (removed, realm disposed) and loads a
    /// lazily materialized row. Called by every generated getter: keep the common path cheap.
    /// </summary>
    public abstract void EnsureReadable();

    public abstract void SetNull(int index);

    public abstract void SetBoolean(int index, bool value);

    public abstract void SetInt64(int index, long value);

    public abstract void SetSingle(int index, float value);

    public abstract void SetDouble(int index, double value);

    public abstract void SetDecimal(int index, decimal value);

    public abstract void SetString(int index, string value);

    public abstract void SetBytes(int index, byte[] value);

    public abstract void SetDateTimeOffset(int index, System.DateTimeOffset value);

    public abstract void SetDateTime(int index, System.DateTime value);

    public abstract void SetGuid(int index, System.Guid value);

    public abstract void SetObjectId(int index, ObjectId value);

    public abstract void SetRealmValue(int index, RealmValue value);

    public abstract void SetObject(int index, IRealmObjectBase? value);

    /// <summary>Replaces a whole collection (used when copying an unmanaged object in).</summary>
    public abstract void SetList<T>(int index, IEnumerable<T> items);

    public abstract void SetSet<T>(int index, IEnumerable<T> items);

    public abstract void SetDictionary<T>(int index, IEnumerable<KeyValuePair<string, T>> items);

    /// <summary>The live, managed list stored in a list property.</summary>
    public abstract IList<T> GetList<T>(int index);

    public abstract ISet<T> GetSet<T>(int index);

    public abstract IDictionary<string, T> GetDictionary<T>(int index);

    /// <summary>The objects whose link points at this object (a backlink property).</summary>
    public abstract IQueryable<T> GetBacklinks<T>(int index)
        where T : IRealmObjectBase;

    /// <summary>Adds <paramref name="delta"/> to a counter; concurrent increments from other devices add up.</summary>
    public abstract void IncrementCounter(int index, long delta);
}
