using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Changesets;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Sync.Merge;

namespace SourceGenSync.Server.Sync;

/// <summary>
/// The download half of one session: walks the realm's history from the client's cursor to the head, in batches
/// (several Download messages, the last with last_in_batch), whenever history grows. The client's own changesets
/// are not sent back; passing one advances the in-order upload ack instead (docs/protocol.md, "Uploads"). Marks are
/// answered once the cursor has reached the head as of their arrival.
/// </summary>
internal class DownloadSender
{
    private readonly RealmHub _realm;
    private readonly SyncServices _services;
    private readonly long _fileIdent;
    private readonly ClassFilter? _filter;
    private readonly Func<ServerMessage, CancellationToken, Task> _write;
    private readonly Channel<byte> _wake = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentQueue<(long RequestId, long Target)> _marks = new();
    private long _cursor;
    private long _ack;
    private long _ackVersion;
    private readonly object _ackGate = new();
    private long _reportedAck;
    private long _ackWanted = -1;

    public DownloadSender(RealmHub realm, SyncServices services, long fileIdent, ClassFilter? filter, long cursor, long ack, Func<ServerMessage, CancellationToken, Task> write)
    {
        _realm = realm;
        _services = services;
        _fileIdent = fileIdent;
        _filter = filter;
        _cursor = cursor;
        _ack = ack;
        _reportedAck = ack;
        _write = write;
    }

    /// <summary>Raised just before the Download that acknowledges the in-flight upload is written (so the client's
    /// next Upload, sent in reaction to it, can never be mistaken for a second one in flight).</summary>
    public event Action? UploadAcknowledged;

    protected RealmHub Realm => _realm;

    protected SyncServices Services => _services;

    protected long FileIdent => _fileIdent;

    /// <summary>The server version the client will have integrated after the messages sent so far.</summary>
    protected long Cursor { get => _cursor; set => _cursor = value; }

    protected long Ack => _ack;

    /// <summary>The download walk passed the client's own changesets up to <paramref name="ack"/> (integrated at <paramref name="serverVersion"/>).</summary>
    protected void AdvanceAck(long ack, long serverVersion)
    {
        if (ack > _ack)
        {
            (_ack, _ackVersion) = (ack, serverVersion);
        }
    }

    public void Wake() => _wake.Writer.TryWrite(0);

    public void Mark(long requestId)
    {
        _marks.Enqueue((requestId, _realm.Head));
        Wake();
    }

    /// <summary>
    /// The upload in flight was integrated up to <paramref name="ack"/>: acknowledge it once the stream has passed
    /// its changesets. Returns true when a Download already carried that ack (nothing more will be sent); with
    /// <paramref name="alwaysAnswer"/> (an upload of duplicates only) an ack-only Download is sent regardless.
    /// </summary>
    public bool ExpectAck(long ack, bool alwaysAnswer)
    {
        lock (_ackGate)
        {
            if (_reportedAck >= ack && !alwaysAnswer)
            {
                return true;
            }

            _ackWanted = ack;
        }

        Wake();
        return false;
    }

    public async Task RunAsync(bool bootstrapFromState, CancellationToken cancellationToken)
    {
        _realm.Subscribe(this);
        try
        {
            if (bootstrapFromState)
            {
                await SendStateAsync(cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                await SendHistoryAsync(cancellationToken).ConfigureAwait(false);
                await AnswerAckAsync(cancellationToken).ConfigureAwait(false);
                await AnswerMarksAsync(cancellationToken).ConfigureAwait(false);
                await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _realm.Unsubscribe(this);
        }
    }

    protected virtual async Task SendHistoryAsync(CancellationToken cancellationToken)
    {
        var target = _realm.Head;
        if (_cursor >= target)
        {
            return;
        }

        var total = await _realm.MeasureHistoryAsync(_cursor, target, cancellationToken).ConfigureAwait(false);
        long sent = 0;
        while (_cursor < target)
        {
            var entries = await _realm.ReadHistoryAsync(_cursor, target, _services.Options.DownloadMessageBytes, cancellationToken).ConfigureAwait(false);
            if (entries.Count == 0 && _cursor < _realm.CompactedThrough)
            {
                throw new SyncSessionException(SyncErrorCode.ClientResetRequired, $"History after version {_cursor} was compacted while this session was catching up: reset the client.");
            }

            if (entries.Count == 0)
            {
                throw new InvalidOperationException($"History of realm '{_realm.Name}' has no entries after version {_cursor} up to {target}.");
            }

            var message = new Download();
            long bytes = 0;
            var filtering = _filter is not null && !_filter.CoversAll(_realm.Schema);
            foreach (var entry in entries)
            {
                _cursor = entry.ServerVersion;
                sent += entry.Data.Length;
                if (entry.OriginFileIdent == _fileIdent)
                {
                    _ack = entry.OriginClientVersion;
                    _ackVersion = entry.ServerVersion;
                    continue;
                }

                var data = filtering ? _filter!.Apply(entry.Data) : entry.Data;
                if (data is null)
                {
                    continue; // only classes this client did not bind: the cursor still moves past it
                }

                bytes += data.Length;
                message.Changesets.Add(new DownloadChangeset
                {
                    ServerVersion = entry.ServerVersion,
                    OriginFileIdent = entry.OriginFileIdent,
                    OriginTimestamp = entry.OriginTimestamp,
                    Data = ByteString.CopyFrom(data),

                    // One message may pass several own changesets: each changeset says which were before it.
                    UploadAckBefore = _ack,
                });
            }

            message.ServerVersion = _cursor;
            message.LastInBatch = _cursor >= target;
            message.DownloadableBytes = Math.Max(0, total - sent);
            message.ProgressEstimate = total == 0 ? 1.0 : Math.Min(1.0, (double)sent / total);
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
            _services.Metrics.Downloaded(message.Changesets.Count, bytes);
        }
    }

    // A fresh client of a compacted realm gets the merged state as synthetic changesets at the state's version.
    private async Task SendStateAsync(CancellationToken cancellationToken)
    {
        var (version, documents) = await _services.Store.ReadStateAsync(_realm.Id, cancellationToken).ConfigureAwait(false);
        var chunks = new List<DownloadChangeset>();
        var instructions = new List<Instruction>();
        long chunkBytes = 0;
        foreach (var (@class, key, json) in documents)
        {
            if (_filter is not null && !_filter.Includes(@class))
            {
                continue;
            }

            instructions.AddRange(StateSnapshot.Instructions(@class, ObjectKeys.Parse(key), ObjectDocumentSerializer.Deserialize(json)));
            chunkBytes += json.Length;
            if (chunkBytes >= _services.Options.DownloadMessageBytes / 2)
            {
                chunks.Add(Synthetic(version, instructions));
                instructions.Clear();
                chunkBytes = 0;
            }
        }

        if (instructions.Count > 0 || chunks.Count == 0)
        {
            chunks.Add(Synthetic(version, instructions));
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            var message = new Download { ServerVersion = version, LastInBatch = i == chunks.Count - 1, ProgressEstimate = (i + 1.0) / chunks.Count };
            message.Changesets.Add(chunks[i]);
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        _cursor = version;
    }

    private static DownloadChangeset Synthetic(long version, List<Instruction> instructions) => new()
    {
        ServerVersion = version,
        OriginFileIdent = 0,
        OriginTimestamp = 0,
        Data = ByteString.CopyFrom(ChangesetCodec.Encode(new Changeset(0, 0, [.. instructions]))),
    };

    private async Task AnswerAckAsync(CancellationToken cancellationToken)
    {
        bool answer;
        lock (_ackGate)
        {
            answer = _ackWanted >= 0 && _ack >= _ackWanted;
        }

        if (answer)
        {
            await SendAsync(new Download { ServerVersion = _cursor, LastInBatch = true, ProgressEstimate = 1.0 }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnswerMarksAsync(CancellationToken cancellationToken)
    {
        while (_marks.TryPeek(out var mark) && mark.Target <= _cursor)
        {
            _marks.TryDequeue(out _);
            await _write(new ServerMessage { Mark = new MarkReply { RequestId = mark.RequestId, ServerVersion = _cursor } }, cancellationToken).ConfigureAwait(false);
        }
    }

    protected Task SendAsync(Download message, CancellationToken cancellationToken)
    {
        message.UploadAck = _ack;
        message.UploadAckServerVersion = _ackVersion;
        var acknowledges = false;
        lock (_ackGate)
        {
            _reportedAck = _ack;
            if (_ackWanted >= 0 && _ack >= _ackWanted)
            {
                _ackWanted = -1;
                acknowledges = true;
            }
        }

        if (acknowledges)
        {
            UploadAcknowledged?.Invoke();
        }

        return _write(new ServerMessage { Download = message }, cancellationToken);
    }
}
