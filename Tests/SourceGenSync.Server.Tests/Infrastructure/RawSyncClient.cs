using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Changesets;
using SourceGenSync.Grpc;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Protocol;

namespace SourceGenSync.Server.Tests.Infrastructure;

/// <summary>
/// A protocol-level client for tests: one Session stream, messages as they are (no SDK in between). It also keeps
/// a replica the way a real client must (docs/protocol.md): own changes applied locally and pending until acked;
/// downloads transformed against the pending ones before they are applied.
/// </summary>
internal sealed class RawSyncClient : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly AsyncDuplexStreamingCall<ClientMessage, ServerMessage> _call;
    private readonly Channel<ServerMessage> _received = Channel.CreateUnbounded<ServerMessage>();
    private readonly Task _reader;
    private readonly List<OriginChangeset> _pending = [];
    private readonly CancellationTokenSource _cancel = new();

    private RawSyncClient(CallInvoker invoker)
    {
        _call = invoker.AsyncDuplexStreamingCall(ServiceMethods.Session, new CallOptions(cancellationToken: _cancel.Token));
        _reader = Task.Run(ReadLoopAsync);
    }

    public Status? EndStatus { get; private set; }

    public ClientFileIdent? File { get; private set; }

    public long ServerVersion { get; private set; }

    public long UploadAck { get; private set; }

    public long UploadAckServerVersion { get; private set; }

    public long NextClientVersion { get; set; } = 1;

    public InMemoryDocumentSource Replica { get; } = new();

    public List<Download> Downloads { get; } = [];

    public static RawSyncClient Open(CallInvoker invoker) => new(invoker);

    public static async Task<RawSyncClient> BindAsync(CallInvoker invoker, string token, string realm = "test-realm", ClientFileIdent? file = null, long downloadCursor = 0, long uploadCursor = 0)
    {
        var client = Open(invoker);
        var bound = await client.BindAsync(token, realm, file, downloadCursor, uploadCursor);
        return bound is null ? throw new InvalidOperationException("Bind failed: " + client.LastError) : client;
    }

    public SyncError? LastError { get; private set; }

    /// <summary>Sends Bind and waits for Bound (null, with <see cref="LastError"/> set, when an error came instead).</summary>
    public async Task<Bound?> BindAsync(string token, string realm = "test-realm", ClientFileIdent? file = null, long downloadCursor = 0, long uploadCursor = 0, IEnumerable<ClassSchema>? schema = null, uint protocolVersion = 1)
    {
        var bind = new Bind { ProtocolVersion = protocolVersion, Realm = realm, AccessToken = token, ClientFile = file, DownloadCursor = downloadCursor, UploadCursor = uploadCursor };
        bind.Schema.AddRange(schema ?? TestSchema.Default);
        return await BindCoreAsync(bind);
    }

    /// <summary>
    /// Binds as a flexible-sync session (docs/protocol.md §11) and waits for Bound (null, with <see cref="LastError"/>
    /// set, when an error came instead). <paramref name="viewQueryVersion"/> is the query version of the last batch
    /// the file integrated.
    /// </summary>
    public async Task<Bound?> BindFlexibleAsync(
        string token, string realm, IEnumerable<ClassSchema> schema, SubscriptionSet? subscriptions,
        ClientFileIdent? file = null, long downloadCursor = 0, long uploadCursor = 0, long viewQueryVersion = 0, SubscriptionSet? activeSubscriptions = null)
    {
        var bind = new Bind
        {
            ProtocolVersion = 1, Realm = realm, AccessToken = token, ClientFile = file, DownloadCursor = downloadCursor, UploadCursor = uploadCursor,
            Flexible = true, Subscriptions = subscriptions, ActiveSubscriptions = activeSubscriptions, ViewQueryVersion = viewQueryVersion,
        };
        bind.Schema.AddRange(schema);
        QueryVersion = viewQueryVersion;
        return await BindCoreAsync(bind);
    }

    /// <summary>Flexible: the query_version of the last complete batch (last_in_batch) received.</summary>
    public long QueryVersion { get; private set; }

    /// <summary>Flexible: the server version of the last complete batch received (what a client would persist as its cursor).</summary>
    public long BatchServerVersion { get; private set; }

    /// <summary>Replaces the replica's content with a copy of <paramref name="state"/> (a client restarting from what it persisted).</summary>
    public void RestoreReplica(InMemoryDocumentSource state)
    {
        foreach (var key in Replica.Documents.Select(static d => d.Key).ToList())
        {
            Replica.Remove(key.Class, key.PrimaryKey);
        }

        foreach (var (key, document) in state.Documents)
        {
            Replica.Put(key.Class, key.PrimaryKey, document.Clone());
        }
    }

    /// <summary>Flexible: sends UpdateSubscriptions with <paramref name="set"/>.</summary>
    public Task UpdateSubscriptionsAsync(SubscriptionSet set) =>
        SendAsync(new ClientMessage { UpdateSubscriptions = new UpdateSubscriptions { Subscriptions = set } });

    private async Task<Bound?> BindCoreAsync(Bind bind)
    {
        var downloadCursor = bind.DownloadCursor;
        var uploadCursor = bind.UploadCursor;
        BatchServerVersion = downloadCursor;
        await SendAsync(new ClientMessage { Bind = bind });
        var reply = await NextAsync();
        if (reply.MessageCase == ServerMessage.MessageOneofCase.Error)
        {
            LastError = reply.Error;
            return null;
        }

        File = reply.Bound.ClientFile;
        ServerVersion = downloadCursor;
        UploadAck = uploadCursor;
        NextClientVersion = Math.Max(NextClientVersion, reply.Bound.UploadAck + 1);
        return reply.Bound;
    }

    public Task SendAsync(ClientMessage message) => _call.RequestStream.WriteAsync(message, _cancel.Token);

    /// <summary>Applies changesets locally (as a commit would) and uploads them in one Upload based on the current cursor.</summary>
    public async Task<long> CommitAndUploadAsync(params Func<long, Changeset>[] makers)
    {
        var upload = new Upload { BaseServerVersion = ServerVersion };
        foreach (var make in makers)
        {
            var changeset = make(NextClientVersion++);
            InstructionApplier.Apply(changeset, Replica);
            _pending.Add(new OriginChangeset(changeset, File!.Ident));
            upload.Changesets.Add(Encode(changeset));
        }

        await SendAsync(new ClientMessage { Upload = upload });
        return NextClientVersion - 1;
    }

    public static UploadChangeset Encode(Changeset changeset) => new()
    {
        ClientVersion = changeset.Version,
        OriginTimestamp = changeset.Timestamp,
        Data = ByteString.CopyFrom(ChangesetCodec.Encode(changeset)),
    };

    public async Task<ServerMessage> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            var message = await _received.Reader.ReadAsync(timeout.Token);
            Observe(message);
            return message;
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The stream ended ({EndStatus}) before the expected message.");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message from the server within {Deadline.TotalSeconds} s.");
        }
    }

    /// <summary>Reads (and observes) messages until one matches.</summary>
    public async Task<ServerMessage> NextMatchingAsync(Func<ServerMessage, bool> predicate)
    {
        while (true)
        {
            var message = await NextAsync();
            if (message.MessageCase == ServerMessage.MessageOneofCase.Error && !predicate(message))
            {
                throw new InvalidOperationException($"Server error {message.Error.Code}: {message.Error.Message}");
            }

            if (predicate(message))
            {
                return message;
            }
        }
    }

    public Task<ServerMessage> WaitForAckAsync(long clientVersion) =>
        NextMatchingAsync(m => m.MessageCase == ServerMessage.MessageOneofCase.Download && m.Download.UploadAck >= clientVersion);

    /// <summary>Mark: returns once everything the server had at the time has been received.</summary>
    public async Task<MarkReply> SyncAsync(long requestId = 0)
    {
        requestId = requestId == 0 ? Random.Shared.NextInt64(1, long.MaxValue) : requestId;
        await SendAsync(new ClientMessage { Mark = new Mark { RequestId = requestId } });
        return (await NextMatchingAsync(m => m.MessageCase == ServerMessage.MessageOneofCase.Mark && m.Mark.RequestId == requestId)).Mark;
    }

    public async Task<SyncError> ExpectErrorAsync() =>
        (await NextMatchingAsync(m => m.MessageCase == ServerMessage.MessageOneofCase.Error)).Error;

    /// <summary>Waits for the server to end the call and returns its status.</summary>
    public async Task<Status> CompletionAsync()
    {
        await _reader.WaitAsync(Deadline);
        return EndStatus ?? throw new InvalidOperationException("The call has no status.");
    }

    public async Task CompleteAsync() => await _call.RequestStream.CompleteAsync();

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        _call.Dispose();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _cancel.Dispose();
    }

    private void Observe(ServerMessage message)
    {
        if (message.MessageCase != ServerMessage.MessageOneofCase.Download)
        {
            return;
        }

        var download = message.Download;
        Downloads.Add(download);
        ApplyViewChanges(download);
        // Our changesets the server integrated before an incoming one were not concurrent with it: drop them first.
        // The rest of what is pending was, so the incoming changeset is transformed against it.
        foreach (var incoming in download.Changesets)
        {
            var before = download.UploadAckBefore(incoming);
            _pending.RemoveAll(p => p.Changeset.Version <= before);
            ApplyIncoming([new OriginChangeset(ChangesetCodec.Decode(incoming.Data.Span), incoming.OriginFileIdent)]);
        }

        _pending.RemoveAll(p => p.Changeset.Version <= download.UploadAck);
        ServerVersion = download.ServerVersion;
        UploadAck = download.UploadAck;
        UploadAckServerVersion = download.UploadAckServerVersion;
        if (download.LastInBatch)
        {
            QueryVersion = download.QueryVersion;
            BatchServerVersion = download.ServerVersion;
        }
    }

    // Flexible (docs/protocol.md §11.3): objects that left the view are removed locally; a snapshot replaces the
    // local copy of each object it carries. Both come before the batch's history (the server sends them first).
    private void ApplyViewChanges(Download download)
    {
        if (!download.Removals.IsEmpty)
        {
            foreach (var instruction in ChangesetCodec.Decode(download.Removals.Span).Instructions)
            {
                Replica.Remove(instruction.Object.Class, instruction.Object.PrimaryKey);
            }
        }

        if (!download.Snapshots.IsEmpty)
        {
            var snapshot = ChangesetCodec.Decode(download.Snapshots.Span);
            foreach (var instruction in snapshot.Instructions.Where(static i => i is CreateObject))
            {
                Replica.Remove(instruction.Object.Class, instruction.Object.PrimaryKey);
            }

            InstructionApplier.Apply(snapshot, Replica);
        }
    }

    private void ApplyIncoming(List<OriginChangeset> incoming)
    {
        if (incoming.Count == 0)
        {
            return;
        }

        if (_pending.Count > 0)
        {
            var result = ChangesetTransformer.Transform(_pending, incoming);
            _pending.Clear();
            _pending.AddRange(result.Left);
            incoming = [.. result.Right];
        }

        foreach (var changeset in incoming)
        {
            InstructionApplier.Apply(changeset.Changeset, Replica);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_cancel.Token))
            {
                _received.Writer.TryWrite(_call.ResponseStream.Current);
            }

            EndStatus = _call.GetStatus();
        }
        catch (RpcException exception)
        {
            EndStatus = exception.Status;
        }
        catch (OperationCanceledException)
        {
            EndStatus = Status.DefaultCancelled;
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}
