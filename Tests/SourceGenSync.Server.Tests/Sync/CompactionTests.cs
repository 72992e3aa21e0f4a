using System;
using System.Linq;
using System.Threading.Tasks;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Sync;
using SourceGenSync.Server.Sync.Merge;
using SourceGenSync.Server.Tests.Infrastructure;

namespace SourceGenSync.Server.Tests.Sync;

/// <summary>Compaction: stale clients must reset; fresh clients bootstrap from the merged state.</summary>
public sealed class CompactionTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private AuthClient _auth = null!;
    private ClientFileIdent _writerFile = null!;
    private string _writerToken = "";

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync("--Server:CompactionInterval=00:00:00");
        _auth = new AuthClient(_server.Invoker);
        _writerToken = (await _auth.LogInAnonymousAsync()).AccessToken;
        await using var writer = await RawSyncClient.BindAsync(_server.Invoker, _writerToken, "compacted");
        _writerFile = writer.File!;
        await writer.WaitForAckAsync(await writer.CommitAndUploadAsync(v => TestSchema.CreatePerson(v, 1, "Ann"), v => TestSchema.CreatePerson(v, 2, "Bo")));
        await writer.WaitForAckAsync(await writer.CommitAndUploadAsync(v => TestSchema.Changeset(v,
            new SourceGenSync.Changesets.ListInsert(TestSchema.Person(1), "Tags", 0, SourceGenSync.Changesets.Payload.Of("t")),
            new SourceGenSync.Changesets.SetField(TestSchema.Person(1), "Home", SourceGenSync.Changesets.Payload.NewEmbedded),
            new SourceGenSync.Changesets.SetField(TestSchema.Person(1) with { Path = [new SourceGenSync.Changesets.PathElement("Home")] }, "City", SourceGenSync.Changesets.Payload.Of("Oslo")),
            new SourceGenSync.Changesets.EraseObject(TestSchema.Person(2)))));
        var removed = await _server.Service<Compactor>().CompactAsync(DateTimeOffset.UtcNow.AddDays(1), default);
        Assert.Equal(3, removed);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_client_whose_cursor_predates_the_kept_history_must_reset()
    {
        await using var stale = RawSyncClient.Open(_server.Invoker);

        Assert.Null(await stale.BindAsync(_writerToken, "compacted", _writerFile, downloadCursor: 1, uploadCursor: 2));

        Assert.Equal(SyncErrorCode.ClientResetRequired, stale.LastError!.Code);
        Assert.Equal(SyncErrorAction.ClientReset, stale.LastError.Action);
        Assert.Contains("compacted", stale.LastError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_client_bootstraps_from_the_merged_state_at_the_head_version()
    {
        await using var fresh = await RawSyncClient.BindAsync(_server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, "compacted");

        var mark = await fresh.SyncAsync();

        Assert.Equal(3, mark.ServerVersion);
        var synthetic = fresh.Downloads.SelectMany(d => d.Changesets).ToList();
        Assert.All(synthetic, c => Assert.Equal(3, c.ServerVersion));
        Assert.All(synthetic, c => Assert.Equal(0, c.OriginFileIdent));
        var record = (await _server.Store.FindRealmAsync("compacted", default))!;
        var (_, documents) = await _server.Store.ReadStateAsync(record.Id, default);
        var state = new InMemoryDocumentSource();
        foreach (var (@class, key, json) in documents)
        {
            state.Put(@class, ObjectKeys.Parse(key), ObjectDocumentSerializer.Deserialize(json));
        }

        Assert.Equal(1, state.Count);
        Assert.True(state.Equals(fresh.Replica), state.Dump() + "\n---\n" + fresh.Replica.Dump());
    }

    [Fact]
    public async Task A_bootstrapped_client_can_upload_and_others_continue_from_history()
    {
        await using var fresh = await RawSyncClient.BindAsync(_server.Invoker, (await _auth.LogInAnonymousAsync()).AccessToken, "compacted");
        await fresh.SyncAsync();

        var version = await fresh.CommitAndUploadAsync(v => TestSchema.SetName(v, 1, "after compaction"));
        var ack = (await fresh.WaitForAckAsync(version)).Download;

        Assert.Equal(4, ack.UploadAckServerVersion);
        await using var writer = RawSyncClient.Open(_server.Invoker);
        await writer.BindAsync(_writerToken, "compacted", _writerFile, downloadCursor: 3, uploadCursor: 2);
        await writer.SyncAsync();
        Assert.Equal(4, Assert.Single(writer.Downloads.SelectMany(d => d.Changesets)).ServerVersion);
    }
}
