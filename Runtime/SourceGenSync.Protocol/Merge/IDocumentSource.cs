using System.Diagnostics.CodeAnalysis;

namespace SourceGenSync.Merge;

/// <summary>
/// Where <see cref="InstructionApplier"/> finds and stores top-level object documents: in memory for replicas in
/// tests, the SQLite state table on the server. The applier mutates the document <see cref="TryGet"/> returned in
/// place and then calls <see cref="Put"/> with it, so a persistent source writes on Put.
/// </summary>
public interface IDocumentSource
{
    bool TryGet(string @class, RealmValue primaryKey, [NotNullWhen(true)] out ObjectDocument? document);

    void Put(string @class, RealmValue primaryKey, ObjectDocument document);

    /// <summary>Removes the object; false when there was none.</summary>
    bool Remove(string @class, RealmValue primaryKey);
}
