using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Sync.Schema;

namespace SourceGenSync.Server.Sync;

/// <summary>
/// What one session downloads until subscriptions exist: the objects of the classes its Bind named. Another client
/// may have added classes to the realm that this one does not know; their instructions are removed before sending
/// (docs/protocol.md, "Download"). Filtering decodes a changeset, so it runs only while the realm has a top-level
/// class the session did not bind — the common case (every client binds the whole schema) costs one set check.
/// </summary>
internal sealed class ClassFilter
{
    private readonly HashSet<string> _bound;
    private RealmSchema? _checkedSchema;
    private bool _coversAll;

    public ClassFilter(IEnumerable<ClassSchema> bound) =>
        _bound = bound.Where(static c => c.Kind != ClassKind.Embedded).Select(static c => c.Name).ToHashSet(StringComparer.Ordinal);

    public bool Includes(string @class) => _bound.Contains(@class);

    /// <summary>True when every top-level class of <paramref name="schema"/> was bound, so nothing needs removing.</summary>
    public bool CoversAll(RealmSchema schema)
    {
        // RealmSchema is immutable and replaced on change, so the answer is cached per instance.
        if (!ReferenceEquals(schema, _checkedSchema))
        {
            // Embedded objects travel under their owner's class; asymmetric objects never reach history.
            _coversAll = schema.Classes.Values.All(c => c.Kind != ClassKind.TopLevel || _bound.Contains(c.Name));
            _checkedSchema = schema;
        }

        return _coversAll;
    }

    /// <summary>
    /// The changeset without instructions on objects of unbound classes: the same array when nothing was removed,
    /// null when nothing is left. History holds only validated changesets, so decoding cannot fail here.
    /// </summary>
    public byte[]? Apply(byte[] data)
    {
        var changeset = ChangesetCodec.Decode(data);
        var kept = changeset.Instructions.Where(i => _bound.Contains(i.Object.Class)).ToList();
        if (kept.Count == changeset.Instructions.Count)
        {
            return data;
        }

        return kept.Count == 0 ? null : ChangesetCodec.Encode(new Changeset(changeset.Version, changeset.Timestamp, kept));
    }
}
