using System;
using System.ComponentModel;

namespace SourceGenSync.Internal;

/// <summary>
/// Typed access to one stored row by property ordinal. Generated <c>ReadProperties</c> calls exactly one getter
/// per property, chosen at compile time, so reading a row never boxes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowReader
{
    bool IsNull(int index);

    bool GetBoolean(int index);

    long GetInt64(int index);

    float GetSingle(int index);

    double GetDouble(int index);

    decimal GetDecimal(int index);

    string GetString(int index);

    byte[] GetBytes(int index);

    DateTimeOffset GetDateTimeOffset(int index);

    DateTime GetDateTime(int index);

    Guid GetGuid(int index);

    ObjectId GetObjectId(int index);

    RealmValue GetRealmValue(int index);

    /// <summary>The linked or embedded object (managed, from the realm's identity map), or null.</summary>
    T? GetObject<T>(int index)
        where T : class, IRealmObjectBase;
}
