using System;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Sync;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>A commit larger than one upload part goes up as several parts: v × 1024 + p, each at most 1 MiB.</summary>
public sealed class UploadPartTests : IDisposable
{
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_large_commit_is_split_into_parts_at_instruction_boundaries()
    {
        var store = _files.Store("local", ident: 2);
        using (var realm = _files.Open("local"))
        {
            realm.Write(() =>
            {
                for (var i = 0; i < 12_000; i++)
                {
                    realm.Add(new SyncItem { Id = "item" + i, Name = new string((char)('a' + (i % 26)), 300), Count = i });
                }
            });
        }

        var commit = _files.ChangeLog("local").Last();
        var latest = store.LatestLocalClientVersion();
        var parts = store.ReadUploadable(0, 10_000, int.MaxValue);

        Assert.True(parts.Count >= 4, $"{parts.Count} parts");
        Assert.Equal(Enumerable.Range(0, parts.Count).Select(p => commit.Version * 1024 + p), parts.Select(p => p.ClientVersion));
        Assert.Equal(parts[^1].ClientVersion, latest);
        Assert.All(parts, p => Assert.True(p.Data.Length <= SyncStateStore.MaxUploadPartBytes, $"{p.Data.Length} bytes"));
        var decoded = parts.Select(p => ChangesetCodec.Decode(p.Data.Span)).ToList();
        Assert.All(decoded.Zip(parts), x => Assert.Equal(x.Second.ClientVersion, x.First.Version));
        Assert.All(decoded, d => Assert.Equal(commit.Timestamp, d.Timestamp));
        Assert.Equal(commit.Instructions, decoded.SelectMany(d => d.Instructions).ToList());
        Assert.Equal(parts.Sum(p => (long)p.Data.Length), store.PendingUploadBytes(0));

        // The split is deterministic, and the byte budget caps a batch (but never below one part).
        Assert.Equal(parts.Select(p => p.Data), store.ReadUploadable(0, 10_000, int.MaxValue).Select(p => p.Data));
        Assert.Single(store.ReadUploadable(0, 10_000, 1));
        Assert.Equal(2, store.ReadUploadable(0, 10_000, parts[0].Data.Length + parts[1].Data.Length).Count);
        Assert.Equal(parts.Skip(2).Select(p => p.ClientVersion), store.ReadUploadable(parts[1].ClientVersion, 10_000, int.MaxValue).Select(p => p.ClientVersion));

        // Acknowledging some parts leaves the rest.
        store.PersistAck(parts[0].ClientVersion);
        Assert.Equal(parts.Skip(1).Select(p => p.ClientVersion), store.ReadUploadable(0, 10_000, int.MaxValue).Select(p => p.ClientVersion));
        Assert.Equal(parts.Skip(1).Sum(p => (long)p.Data.Length), store.PendingUploadBytes(0));
    }

    [Fact]
    public void Parts_applied_in_order_reproduce_the_commit()
    {
        var store = _files.Store("local", ident: 2);
        using (var realm = _files.Open("local"))
        {
            realm.Write(() =>
            {
                for (var i = 0; i < 5_000; i++)
                {
                    var item = realm.Add(new SyncItem { Id = "item" + i, Name = new string('n', 400) });
                    item.Tags.Add("t" + i);
                }
            });
        }

        var parts = store.ReadUploadable(0, 10_000, int.MaxValue).Select(p => ChangesetCodec.Decode(p.Data.Span)).ToList();
        Assert.True(parts.Count > 1);
        Assert.Equal(0, _files.ApplyTo("replica", parts.SelectMany(p => p.Instructions)));
        Assert.Equal(_files.Dump("local"), _files.Dump("replica"));
    }

    [Fact]
    public void Version_rewriting_keeps_the_changeset_valid()
    {
        var changeset = new Changeset(5, 123456789, [new CreateObject(ObjectRef.TopLevel("SyncItem", "a"))]);
        var stored = ChangesetCodec.Encode(changeset);

        foreach (var version in new long[] { 5 * 1024, 1, 63, 64, 8191, 8192, long.MaxValue / 2 })
        {
            var rewritten = UploadParts.WithVersion(stored, version);
            var decoded = ChangesetCodec.Decode(rewritten);
            Assert.Equal(version, decoded.Version);
            Assert.Equal(changeset.Timestamp, decoded.Timestamp);
            Assert.Equal(changeset.Instructions, decoded.Instructions);
            Assert.Equal(rewritten.Length, UploadParts.LengthWithVersion(stored.Length, 5, version));
            Assert.Equal(ChangesetCodec.Encode(new Changeset(version, changeset.Timestamp, changeset.Instructions)), rewritten);
            Assert.Equal(ChangesetCodec.Encode(new Changeset(version, version * 3, changeset.Instructions)), UploadParts.Reheader(stored, version, version * 3));
        }
    }
}
