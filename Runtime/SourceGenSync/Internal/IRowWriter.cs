using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace SourceGenSync.Internal;

/// <summary>
/// Typed writes by property ordinal. Generated code calls it to copy an unmanaged object into the store
/// (<see cref="IGeneratedObject.WriteProperties"/>); <see cref="ObjectAccessor"/> implements it for setters on
/// managed objects, where each call also records the change in the transaction's changeset.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowWriter
{
    void SetNull(int index);

    void SetBoolean(int index, bool value);

    void SetInt64(int index, long value);

    void SetSingle(int index, float value);

    void SetDouble(int index, double value);

    void SetDecimal(int index, decimal value);

    void SetString(int index, string value);

    void SetBytes(int index, byte[] value);

    void SetDateTimeOffset(int index, DateTimeOffset value);

    void SetDateTime(int index, DateTime value);

    void SetGuid(int index, Guid value);

    void SetObjectId(int index, ObjectId value);

    void SetRealmValue(int index, RealmValue value);

    /// <summary>Sets a link (top-level target) or an embedded object; null clears it.</summary>
    void SetObject(int index, IRealmObjectBase? value);

    void SetList<T>(int index, IEnumerable<T> items);

    void SetSet<T>(int index, IEnumerable<T> items);

    void SetDictionary<T>(int index, IEnumerable<KeyValuePair<string, T>> items);
}
