using System.Collections.Generic;

namespace SourceGenSync.Server.Storage;

/// <summary>
/// One consistent read of a realm (a SQLite read transaction): the head, the history up to it and the merged state
/// at exactly that head. A flexible-sync batch is computed inside one, so the view it evaluates, the snapshots it
/// sends and the history it filters all describe the same server version.
/// </summary>
internal interface IStateSnapshot
{
    long Head { get; }

    /// <summary>History at or below this version was compacted away (as of the snapshot).</summary>
    long CompactedThrough { get; }

    /// <summary>Every history entry with after &lt; server version ≤ upTo, oldest first.</summary>
    IReadOnlyList<HistoryEntry> ReadHistory(long after, long upTo);

    /// <summary>The file's upload ack as of <paramref name="atVersion"/> and the server version it was integrated at ((0, 0): none).</summary>
    (long Ack, long AckServerVersion) UploadAckAt(long ident, long atVersion);

    /// <summary>
    /// Keys of the objects of <paramref name="class"/> whose document (column <c>o.doc</c>) satisfies
    /// <paramref name="predicateSql"/>, optionally only among <paramref name="among"/>.
    /// </summary>
    IReadOnlyList<string> MatchingKeys(string @class, string predicateSql, IReadOnlyList<KeyValuePair<string, object?>> parameters, IReadOnlyCollection<string>? among);

    IReadOnlyDictionary<(string Class, string Key), string> ReadDocuments(IReadOnlyCollection<(string Class, string Key)> keys);
}
