using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Internal.Sync;
using SourceGenSync.Protocol;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Sync;

/// <summary>
/// One connection attempt of a session: a Session stream from Bind until it fails (docs/protocol.md §3–5). A reader
/// task and a ticker feed one event queue; everything else — writes, integration, acks — happens on the single
/// processing loop, so the stream has one writer and the state needs no locks. It returns only by throwing: a
/// <see cref="ServerSyncErrorException"/>, <see cref="ConnectionLostException"/>, an <see cref="RpcException"/> or
/// <see cref="AppException"/> from getting a token, or <see cref="OperationCanceledException"/> when stopped.
/// </summary>
internal sealed class SessionConnection
{
    // Under the 4 MiB message limit with room for framing; parts are at most 1 MiB each.
    private const int MaxUploadBytes = 3 * 1024 * 1024;
    private const int MaxUploadChangesets = 1000;
    private const int MaxDeferredAcks = 256;

    private static readonly TimeSpan HalfCloseWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastMessagesWait = TimeSpan.FromSeconds(2);

    private static readonly object LocalCommitSignal = new();
    private static readonly object TickSignal = new();
    private static readonly object SubscriptionSignal = new();

    private readonly Session _session;
    private readonly SyncStateStore _store;
    private readonly AppConfiguration _options;
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Download> _batch = [];
    private readonly List<Download> _deferred = [];
    private AsyncDuplexStreamingCall<ClientMessage, ServerMessage>? _call;
    private bool _bound;
    private long _cursor;
    private long _ack;
    private bool _uploadInFlight;
    private long _inFlightTarget;
    private long _inFlightBytes;
    private long _bootstrapMark;
    private long _lastActivity;
    private long _lastPing;
    private bool _integrating;
    private ConnectionLostException? _dead;
    private CancellationToken _stop;
    private long _sentQueryVersion;
    private long _viewQueryVersion;
    private bool _noSubscriptions;

    public SessionConnection(Session session, SyncStateStore store)
    {
        _session = session;
        _store = store;
        _options = session.App.Configuration;
    }

    /// <summary>True once the server answered Bind (the backoff starts over after a connection that worked).</summary>
    public bool WasBound { get; private set; }

    public void LocalCommitted() => _events.Writer.TryWrite(LocalCommitSignal);

    /// <summary>A new subscription set was committed locally: it is sent once the session is bound.</summary>
    public void SubscriptionsCommitted() => _events.Writer.TryWrite(SubscriptionSignal);

    public void RequestMark(long id) => _events.Writer.TryWrite(new MarkRequest(id));

    public async Task RunAsync(CancellationToken stop)
    {
        _stop = stop;

        // The loop's work and the call are cancelled apart: a session that stops half-closes its stream so the
        // server ends the call normally, instead of seeing it reset.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var callCancel = new CancellationTokenSource();
        IDisposable? ownedChannel = null;
        Task reader = Task.CompletedTask;
        Task ticker = Task.CompletedTask;
        try
        {
            var token = await _session.User.GetAccessTokenAsync(cancel.Token).ConfigureAwait(false);
            var invoker = _session.App.InvokerForSession(out ownedChannel);
            _call = invoker.AsyncDuplexStreamingCall(ServiceMethods.Session, new CallOptions(cancellationToken: callCancel.Token));
            var state = _store.ReadState();
            _cursor = state.DownloadCursor;
            _ack = state.UploadAck;
            _lastActivity = Environment.TickCount64;
            reader = ReadLoopAsync(_call, callCancel.Token);
            ticker = TickLoopAsync(cancel);
            await WriteAsync(new ClientMessage { Bind = CreateBind(token, state) }, cancel.Token).ConfigureAwait(false);
            await ProcessAsync(state, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested && Volatile.Read(ref _dead) is { } dead)
        {
            // The ticker gave up on the connection (read timeout) and cancelled whatever was pending, writes included.
            throw dead;
        }
        catch (Exception e) when (e is not (OperationCanceledException or ServerSyncErrorException) && _call is not null)
        {
            // A write can fail because the server ended the call right after an error message we have not processed
            // yet: that error, not the failed write, says what to do next.
            if (await FindPendingErrorAsync(reader).ConfigureAwait(false) is { } error)
            {
                throw new ServerSyncErrorException(error);
            }

            throw;
        }
        finally
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            if (_call is not null && stop.IsCancellationRequested && _dead is null)
            {
                await HalfCloseAsync(_call, reader).ConfigureAwait(false);
            }

            await callCancel.CancelAsync().ConfigureAwait(false);
            _call?.Dispose();
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ticker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ownedChannel?.Dispose();
            FlushDeferredAcks();
        }
    }

    private static async Task HalfCloseAsync(AsyncDuplexStreamingCall<ClientMessage, ServerMessage> call, Task reader)
    {
        try
        {
            await call.RequestStream.CompleteAsync().WaitAsync(HalfCloseWait).ConfigureAwait(false);
            await reader.WaitAsync(HalfCloseWait).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or TimeoutException or ObjectDisposedException or InvalidOperationException or System.IO.IOException or OperationCanceledException)
        {
            // The stream was already broken or the server is slow to answer: the call is cancelled instead.
        }
    }

    private async Task<SyncError?> FindPendingErrorAsync(Task reader)
    {
        // The reader ends with the call; it is given a moment to deliver what the server sent last.
        await reader.WaitAsync(LastMessagesWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_events.Reader.TryRead(out var item))
        {
            if (item is ServerMessage { MessageCase: ServerMessage.MessageOneofCase.Error } message)
            {
                return message.Error;
            }
        }

        return null;
    }

    private Bind CreateBind(string token, SyncFileState state)
    {
        var bind = new Bind
        {
            ProtocolVersion = 1,
            Realm = _session.Configuration.ServerRealm,
            AccessToken = token,
            DownloadCursor = state.DownloadCursor,
            UploadCursor = state.UploadAck,
        };
        if (state.ClientFileIdent != 0)
        {
            bind.ClientFile = new ClientFileIdent { Ident = state.ClientFileIdent, Salt = state.ClientFileSalt };
        }

        bind.Schema.AddRange(SyncSchema.ToProtocol(_session.Configuration.Schema));
        if (_session.Configuration is FlexibleSyncConfiguration)
        {
            // The latest set, and the last completed one to fall back on if the server refuses the latest (§11.2).
            var (latest, complete) = _store.ReadSubscriptionSets();
            bind.Flexible = true;
            bind.ViewQueryVersion = state.ViewQueryVersion;
            _viewQueryVersion = state.ViewQueryVersion;
            if (latest is not null)
            {
                bind.Subscriptions = SubscriptionMessages.ToProtocol(latest);
                _sentQueryVersion = latest.Version;
            }

            if (complete is not null && complete.Version != latest?.Version)
            {
                bind.ActiveSubscriptions = SubscriptionMessages.ToProtocol(complete);
            }

            _noSubscriptions = latest is null || latest.Subscriptions.IsEmpty;
        }

        return bind;
    }

    private async Task ProcessAsync(SyncFileState state, CancellationToken cancellationToken)
    {
        while (true)
        {
            var item = await _events.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

            // Pause (or close) requests the stop before it returns, but the linked token above hears of it only
            // through an asynchronous callback: nothing that arrived after Pause returned is integrated.
            _stop.ThrowIfCancellationRequested();
            switch (item)
            {
                case ServerMessage message:
                    await HandleAsync(message, state, cancellationToken).ConfigureAwait(false);
                    break;
                case StreamEnded ended:
                    throw ended.Error ?? new ConnectionLostException($"The server at {_session.ServerUri} ended the session stream.");
                case var signal when ReferenceEquals(signal, SubscriptionSignal) && _bound:
                    await SendSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case MarkRequest mark when _bound:
                    await WriteAsync(new ClientMessage { Mark = new Mark { RequestId = mark.Id } }, cancellationToken).ConfigureAwait(false);
                    break;
                case var tick when ReferenceEquals(tick, TickSignal):
                    await OnTickAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }

            await TryUploadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(ServerMessage message, SyncFileState state, CancellationToken cancellationToken)
    {
        switch (message.MessageCase)
        {
            case ServerMessage.MessageOneofCase.Bound:
                await OnBoundAsync(message.Bound, state, cancellationToken).ConfigureAwait(false);
                break;
            case ServerMessage.MessageOneofCase.Download:
                OnDownload(message.Download);
                break;
            case ServerMessage.MessageOneofCase.Mark:
                OnMarkReply(message.Mark.RequestId);
                break;
            case ServerMessage.MessageOneofCase.Error when !message.Error.Fatal:
                _session.OnServerWarning(message.Error);
                break;
            case ServerMessage.MessageOneofCase.Error:
                throw new ServerSyncErrorException(message.Error);
            case ServerMessage.MessageOneofCase.SubscriptionError:
                _store.MarkSubscriptionError(message.SubscriptionError.QueryVersion, message.SubscriptionError.Message);
                _session.OnSubscriptionStateChanged();
                break;
            default:
                break; // Pong: its arrival already counted as activity
        }
    }

    private async Task OnBoundAsync(Bound bound, SyncFileState state, CancellationToken cancellationToken)
    {
        var file = bound.ClientFile;
        if (file is not null && (file.Ident != state.ClientFileIdent || file.Salt != state.ClientFileSalt || state.ServerRealm != _session.Configuration.ServerRealm))
        {
            // Persisted before anything relies on it (protocol §4).
            _store.SaveClientFile(file.Ident, file.Salt, _session.Configuration.ServerRealm);
        }

        _bound = true;
        WasBound = true;
        if (bound.UploadAck > _ack)
        {
            // The last upload was integrated but its ack was lost with the old stream: it is still in flight until a
            // Download carries the ack (protocol §4, "Reconnecting with an ack not yet seen").
            _uploadInFlight = true;
            _inFlightTarget = bound.UploadAck;
            _inFlightBytes = 0;
            _session.OnUploadAcknowledged(bound.UploadAck, 0);
        }

        _session.OnConnected();

        // A set committed after the Bind was written, whose signal came before Bound, goes now.
        await SendSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        if (_noSubscriptions && _sentQueryVersion == 0)
        {
            if (_store.CompleteInitialSet())
            {
                _session.OnSubscriptionStateChanged();
            }

            _session.OnNoSubscriptions();
        }

        // A fresh file (or one half-way through a client reset) integrates the server's state before its first
        // upload (protocol §7): a Mark tells when that is done.
        if (_cursor == 0 || state.ResetPending)
        {
            _bootstrapMark = _session.NextMarkId();
            await WriteAsync(new ClientMessage { Mark = new Mark { RequestId = _bootstrapMark } }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var id in _session.PendingMarks())
        {
            await WriteAsync(new ClientMessage { Mark = new Mark { RequestId = id } }, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnDownload(Download download)
    {
        long bytes = download.Removals.Length + download.Snapshots.Length;
        foreach (var changeset in download.Changesets)
        {
            bytes += changeset.Data.Length;
        }

        _batch.Add(download);

        // The last message's bytes count as transferred only once the batch is integrated: progress never reaches
        // 1 before the data is in the file.
        _session.OnDownloadMessage(download.LastInBatch ? 0 : bytes, download.LastInBatch ? bytes : download.DownloadableBytes);
        if (!download.LastInBatch)
        {
            return;
        }

        long cursor;
        long ack;
        if (_batch.TrueForAll(d => d.Changesets.Count == 0 && d.Removals.IsEmpty && d.Snapshots.IsEmpty && (d.QueryVersion == 0 || d.QueryVersion == _viewQueryVersion))
            && _deferred.Count < MaxDeferredAcks)
        {
            // Only an ack (and the cursor passing our own changesets): nothing to apply, so no write transaction
            // (and fsync) competing with the app's next commit. It is persisted with the next batch that has data,
            // or when the connection ends; lost in a crash, Bound's upload_ack restores it (protocol §4).
            _deferred.AddRange(_batch);
            cursor = _batch[^1].ServerVersion;
            ack = _batch.Max(d => d.UploadAck);
        }
        else
        {
            // A batch is applied whole, never a part of it (protocol §5.3).
            var result = Integrate([.. _deferred, .. _batch]);
            _deferred.Clear();
            cursor = result.DownloadCursor;
            ack = result.UploadAck;
            if (result.CompletedQueryVersion > 0)
            {
                _viewQueryVersion = result.CompletedQueryVersion;
                _session.OnSubscriptionStateChanged();
            }
        }

        _batch.Clear();
        _cursor = Math.Max(_cursor, cursor);
        _ack = Math.Max(_ack, ack);
        if (_uploadInFlight && _ack >= _inFlightTarget)
        {
            _uploadInFlight = false;
            _session.OnUploadAcknowledged(_ack, _inFlightBytes);
            _inFlightBytes = 0;
        }
        else if (ack > 0)
        {
            _session.OnUploadAcknowledged(_ack, 0);
        }

        _session.OnBatchIntegrated(bytes);
    }

    private IntegrationResult Integrate(List<Download> batch)
    {
        Volatile.Write(ref _integrating, true);
        try
        {
            return _store.Integrate(batch);
        }
        finally
        {
            // Time spent integrating is not the server's silence.
            Volatile.Write(ref _lastActivity, Environment.TickCount64);
            Volatile.Write(ref _integrating, false);
        }
    }

    /// <summary>Persists acks held back from ack-only batches (when the connection ends).</summary>
    private void FlushDeferredAcks()
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        try
        {
            _store.Integrate(_deferred);
        }
        catch (Exception e) when (e is ObjectDisposedException or Microsoft.Data.Sqlite.SqliteException or System.IO.IOException)
        {
            // Not persisted: the next Bind learns the ack from the server (Bound.upload_ack).
        }

        _deferred.Clear();
    }

    private void OnMarkReply(long id)
    {
        if (id == _bootstrapMark && _bootstrapMark != 0)
        {
            _bootstrapMark = 0;
            _session.OnBootstrapped(_store);
        }

        _session.OnMarkReply(id);
    }

    private async Task TryUploadAsync(CancellationToken cancellationToken)
    {
        if (!_bound || _uploadInFlight || _bootstrapMark != 0 || _batch.Count > 0)
        {
            return;
        }

        var parts = _store.ReadUploadable(_ack, MaxUploadChangesets, MaxUploadBytes);

        // As in ProcessAsync, checked after the read: a change committed after Pause returned is never uploaded by
        // the connection that is winding down.
        if (parts.Count == 0 || _stop.IsCancellationRequested)
        {
            return;
        }

        var upload = new Upload { BaseServerVersion = _cursor };
        long bytes = 0;
        foreach (var part in parts)
        {
            upload.Changesets.Add(part);
            bytes += part.Data.Length;
        }

        _uploadInFlight = true;
        _inFlightTarget = parts[^1].ClientVersion;
        _inFlightBytes = bytes;
        await WriteAsync(new ClientMessage { Upload = upload }, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendSubscriptionsAsync(CancellationToken cancellationToken)
    {
        if (_session.Configuration is not FlexibleSyncConfiguration)
        {
            return;
        }

        var latest = _store.ReadLatestSubscriptionSet();
        if (latest is null || latest.Version <= _sentQueryVersion)
        {
            return;
        }

        _sentQueryVersion = latest.Version;
        await WriteAsync(new ClientMessage { UpdateSubscriptions = new UpdateSubscriptions { Subscriptions = SubscriptionMessages.ToProtocol(latest) } }, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        var idle = now - Volatile.Read(ref _lastActivity);
        var keepAlive = (long)_options.KeepAliveInterval.TotalMilliseconds;
        if (_bound && idle >= keepAlive && now - _lastPing >= keepAlive)
        {
            _lastPing = now;
            await WriteAsync(new ClientMessage { Ping = new Ping { Timestamp = now } }, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task WriteAsync(ClientMessage message, CancellationToken cancellationToken) =>
        _call!.RequestStream.WriteAsync(message, cancellationToken);

    private async Task ReadLoopAsync(AsyncDuplexStreamingCall<ClientMessage, ServerMessage> call, CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Volatile.Write(ref _lastActivity, Environment.TickCount64);
                _events.Writer.TryWrite(call.ResponseStream.Current);
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        _events.Writer.TryWrite(new StreamEnded(error));
    }

    // Pings are written by the processing loop (the stream's only writer); the read timeout is checked here, apart
    // from it, so that a write stuck on a dead connection (flow control never reopening) is cancelled too.
    private async Task TickLoopAsync(CancellationTokenSource connection)
    {
        var shortest = Math.Min(_options.KeepAliveInterval.TotalMilliseconds, _options.ReadTimeout.TotalMilliseconds);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(shortest / 4, 20, 5000));
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(connection.Token).ConfigureAwait(false))
        {
            var idle = Environment.TickCount64 - Volatile.Read(ref _lastActivity);
            if (!Volatile.Read(ref _integrating) && idle > (long)_options.ReadTimeout.TotalMilliseconds)
            {
                Volatile.Write(ref _dead, new ConnectionLostException($"Nothing came from {_session.ServerUri} for {_options.ReadTimeout.TotalSeconds:0.#} s (read timeout): the connection is dead."));
                await connection.CancelAsync().ConfigureAwait(false);
                return;
            }

            _events.Writer.TryWrite(TickSignal);
        }
    }

    private sealed record MarkRequest(long Id);

    private sealed record StreamEnded(Exception? Error);
}
