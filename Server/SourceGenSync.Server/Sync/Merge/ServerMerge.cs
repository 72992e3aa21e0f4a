using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;

namespace SourceGenSync.Server.Sync.Merge;

/// <summary>
/// The one seam between the integrator and the merge rules (docs/merge-rules.md): an upload made on top of
/// base_server_version is transformed against the concurrent history (base, head] — which, by the
/// one-upload-in-flight rule, never holds the uploader's own changes — and the result is what history gets.
/// </summary>
internal static class ServerMerge
{
    public static IReadOnlyList<Changeset> Transform(IReadOnlyList<Changeset> incoming, long fileIdent, IReadOnlyList<OriginChangeset> concurrent)
    {
        if (concurrent.Count == 0)
        {
            return incoming;
        }

        var left = incoming.Select(c => new OriginChangeset(c, fileIdent)).ToList();
        return TransformCore(left, concurrent).Select(o => o.Changeset).ToList();
    }

    private static IReadOnlyList<OriginChangeset> TransformCore(IReadOnlyList<OriginChangeset> left, IReadOnlyList<OriginChangeset> concurrent) =>
        ChangesetTransformer.Transform(left, concurrent).Left;
}
