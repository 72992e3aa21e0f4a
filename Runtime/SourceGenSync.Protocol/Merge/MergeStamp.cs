using System;

namespace SourceGenSync.Merge;

/// <summary>
/// The stamp every instruction of a changeset carries for conflict resolution: the changeset's origin timestamp
/// (hybrid logical clock) and the client file identity that made it. Ordered by timestamp, then file identity, so
/// two different files never tie; the larger stamp wins a last-writer-wins conflict.
/// </summary>
public readonly record struct MergeStamp(long Timestamp, long FileIdent) : IComparable<MergeStamp>
{
    public int CompareTo(MergeStamp other)
    {
        var byTime = Timestamp.CompareTo(other.Timestamp);
        return byTime != 0 ? byTime : FileIdent.CompareTo(other.FileIdent);
    }

    public static bool operator <(MergeStamp left, MergeStamp right) => left.CompareTo(right) < 0;

    public static bool operator >(MergeStamp left, MergeStamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(MergeStamp left, MergeStamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MergeStamp left, MergeStamp right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Timestamp}@{FileIdent}";
}
