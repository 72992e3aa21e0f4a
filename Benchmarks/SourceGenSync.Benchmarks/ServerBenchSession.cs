using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Changesets;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Protocol;

namespace SourceGenSync.Benchmarks;

/// <summary>
/// A minimal protocol client for the server benchmark: binds, uploads by the one-upload-in-flight rule and waits
/// for the in-order ack; a reader loop keeps draining the download stream (other sessions' changes) meanwhile.
/// </summary>
internal sealed class ServerBenchSession : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<ClientMessage, ServerMessage> _call;
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource<Bound> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly Task _reader;
    private TaskCompletionSource? _ackWaiter;
    private long _ackTarget;
    private long _ack;
    private long _serverVersion;
    private long _nextVersion = 1;

    private ServerBenchSession(CallInvoker invoker)
    {
        _call = invoker.AsyncDuplexStreamingCall(ServiceMethods.Session, new CallOptions(cancellationToken: _cancel.Token));
        _reader = Task.Run(ReadAsync);
    }

    public long DownloadedChangesets { get; private set; }

    public static async Task<ServerBenchSession> OpenAsync(CallInvoker invoker, string token, string realm, IEnumerable<ClassSchema> schema)
    {
        var session = new ServerBenchSession(invoker);
        var bind = new Bind { ProtocolVersion = 1, Realm = realm, AccessToken = token };
        bind.Schema.AddRange(schema);
        await session._call.RequestStream.WriteAsync(new ClientMessage { Bind = bind });
        await session._bound.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return session;
    }

    /// <summary>Uploads <paramref name="count"/> changesets made by <paramref name="make"/> in one Upload and waits for the ack.</summary>
    public async Task UploadAsync(int count, Func<long, Changeset> make)
    {
        var upload = new Upload();
        for (var i = 0; i < count; i++)
        {
            var changeset = make(_nextVersion++);
            upload.Changesets.Add(new UploadChangeset { ClientVersion = changeset.Version, OriginTimestamp = changeset.Timestamp, Data = ByteString.CopyFrom(ChangesetCodec.Encode(changeset)) });
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            upload.BaseServerVersion = _serverVersion;
            _ackTarget = _nextVersion - 1;
            _ackWaiter = waiter;
        }

        await _call.RequestStream.WriteAsync(new ClientMessage { Upload = upload });
        await waiter.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await _call.RequestStream.CompleteAsync();
        await _reader.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _cancel.CancelAsync();
        _call.Dispose();
        _cancel.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_cancel.Token))
            {
                var message = _call.ResponseStream.Current;
                switch (message.MessageCase)
                {
                    case ServerMessage.MessageOneofCase.Bound:
                        _bound.TrySetResult(message.Bound);
                        break;
                    case ServerMessage.MessageOneofCase.Download:
                        DownloadedChangesets += message.Download.Changesets.Count;
                        TaskCompletionSource? done = null;
                        lock (_gate)
                        {
                            _serverVersion = message.Download.ServerVersion;
                            _ack = message.Download.UploadAck;
                            if (_ackWaiter is not null && _ack >= _ackTarget)
                            {
                                (done, _ackWaiter) = (_ackWaiter, null);
                            }
                        }

                        done?.TrySetResult();
                        break;
                    case ServerMessage.MessageOneofCase.Error:
                        var error = new InvalidOperationException($"Server error {message.Error.Code}: {message.Error.Message}");
                        _bound.TrySetException(error);
                        lock (_gate)
                        {
                            _ackWaiter?.TrySetException(error);
                        }

                        return;
                }
            }
        }
        catch (Exception exception) when (exception is RpcException or OperationCanceledException)
        {
            _bound.TrySetException(exception);
            lock (_gate)
            {
                _ackWaiter?.TrySetException(exception);
            }
        }
    }
}
