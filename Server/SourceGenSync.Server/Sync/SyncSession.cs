using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Grpc;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Server.Diagnostics;

namespace SourceGenSync.Server.Sync;

/// <summary>
/// One Session stream (docs/protocol.md): Bind first, then Upload / Mark / Ping in any order, with the download
/// half running beside it in a <see cref="DownloadSender"/>. Transport-agnostic: it reads and writes messages
/// through delegates, so tests can drive it in-process and the gRPC service only adapts the stream. Returns the
/// status the call should end with; a protocol error is first sent as a SyncError.
/// </summary>
internal sealed partial class SyncSession
{
    private readonly SyncServices _services;
    private readonly RealmRegistry _realms;
    private readonly Func<CancellationToken, Task<ClientMessage?>> _read;
    private readonly Func<ServerMessage, CancellationToken, Task> _write;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private RealmHub? _realm;
    private DownloadSender? _sender;
    private long _fileIdent;
    private int _uploadInFlight;
    private Exception? _senderFault;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _lifetime;
    private volatile bool _takenOver;

    public SyncSession(SyncServices services, RealmRegistry realms, Func<CancellationToken, Task<ClientMessage?>> read, Func<ServerMessage, CancellationToken, Task> write)
    {
        _services = services;
        _realms = realms;
        _read = read;
        _write = write;
    }

    public async Task<Status> RunAsync(CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _lifetime = session;
        Task? senderTask = null;
        var started = false;
        try
        {
            var first = await ReadBindAsync(session.Token).ConfigureAwait(false);
            if (first is null)
            {
                return Status.DefaultSuccess;
            }

            if (first.MessageCase != ClientMessage.MessageOneofCase.Bind)
            {
                throw new SyncSessionException(SyncErrorCode.ProtocolViolation, $"The first message of a session must be Bind, not {first.MessageCase}.");
            }

            var (bound, bootstrap) = await BindAsync(first.Bind, session.Token).ConfigureAwait(false);
            started = true;
            _services.Metrics.SessionStarted();
            await WriteAsync(new ServerMessage { Bound = bound }, session.Token).ConfigureAwait(false);
            await SendBindErrorsAsync(session.Token).ConfigureAwait(false);
            senderTask = RunSenderAsync(bootstrap, session);
            while (await _read(session.Token).ConfigureAwait(false) is { } message)
            {
                await HandleAsync(message, session.Token).ConfigureAwait(false);
            }

            return Status.DefaultSuccess;
        }
        catch (SyncSessionException exception)
        {
            await StopAsync(session, senderTask).ConfigureAwait(false);
            await SendErrorAsync(exception, cancellationToken).ConfigureAwait(false);
            return new Status(SyncErrors.StatusOf(exception.Code), exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Status.DefaultCancelled;
        }
        catch (OperationCanceledException) when (_takenOver)
        {
            return new Status(StatusCode.Cancelled, "A newer session of this client file took over.");
        }
        catch (OperationCanceledException) when (_senderFault is SyncSessionException senderError)
        {
            // The download half found a protocol-level problem (e.g. history compacted under it): report it as such.
            await SendErrorAsync(senderError, cancellationToken).ConfigureAwait(false);
            return new Status(SyncErrors.StatusOf(senderError.Code), senderError.Message);
        }
        catch (Exception exception) when (exception is not RpcException && IsClientGone(_senderFault ?? exception))
        {
            // The client aborted the stream or its connection while we were writing to it: nobody to tell, nothing failed.
            return new Status(StatusCode.Cancelled, "The client went away.");
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            var fault = _senderFault ?? exception;
            ServerLog.SessionFailed(_services.Logger, _realm?.Name, _fileIdent, fault);
            await StopAsync(session, senderTask).ConfigureAwait(false);
            var error = new SyncSessionException(SyncErrorCode.Internal, "The server failed while serving this session; reconnect and try again.");
            await SendErrorAsync(error, cancellationToken).ConfigureAwait(false);
            return new Status(StatusCode.Internal, error.Message);
        }
        finally
        {
            await StopAsync(session, senderTask).ConfigureAwait(false);
            if (_fileIdent != 0)
            {
                _services.FileSessions.Remove(_fileIdent, this);
            }

            _ended.TrySetResult();
            if (started)
            {
                _services.Metrics.SessionEnded();
            }

            ServerLog.SessionEnded(_services.Logger, _realm?.Name, _fileIdent);
        }
    }

    private static bool IsClientGone(Exception exception) =>
        exception is System.IO.IOException or OperationCanceledException or ObjectDisposedException ||
        (exception is RpcException rpc && rpc.StatusCode == StatusCode.Cancelled);

    /// <summary>Ends this session because a newer one bound the same client file, and waits until it has stopped reading.</summary>
    internal async Task EndForTakeOverAsync(CancellationToken cancellationToken)
    {
        _takenOver = true;
        try
        {
            _lifetime?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended on its own.
        }

        await _ended.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // A stream that never binds would hold its slot forever: Bind must come within BindTimeout.
    private async Task<ClientMessage?> ReadBindAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_services.Options.BindTimeout);
        try
        {
            return await _read(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SyncSessionException(SyncErrorCode.ProtocolViolation, $"No Bind arrived within {_services.Options.BindTimeout.TotalSeconds:0} s of opening the session.");
        }
    }

    private async Task HandleAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        switch (message.MessageCase)
        {
            case ClientMessage.MessageOneofCase.Upload:
                await UploadAsync(message.Upload, cancellationToken).ConfigureAwait(false);
                break;
            case ClientMessage.MessageOneofCase.Mark:
                _sender!.Mark(message.Mark.RequestId);
                break;
            case ClientMessage.MessageOneofCase.Ping:
                await WriteAsync(new ServerMessage { Pong = new Pong { Timestamp = message.Ping.Timestamp } }, cancellationToken).ConfigureAwait(false);
                break;
            case ClientMessage.MessageOneofCase.UpdateSubscriptions:
                await UpdateSubscriptionsAsync(message.UpdateSubscriptions, cancellationToken).ConfigureAwait(false);
                break;
            case ClientMessage.MessageOneofCase.Bind:
                throw new SyncSessionException(SyncErrorCode.ProtocolViolation, "A session is bound once: a second Bind arrived. Open a new stream to bind again.");
            default:
                throw new SyncSessionException(SyncErrorCode.ProtocolViolation, "A ClientMessage arrived with no message set.");
        }
    }

    private async Task UploadAsync(Upload upload, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _uploadInFlight, 1, 0) != 0)
        {
            throw new SyncSessionException(SyncErrorCode.ProtocolViolation, "An Upload arrived while the previous one is not acknowledged: send the next Upload only after a Download whose upload_ack covers the previous one.");
        }

        var work = new UploadWork(_fileIdent, upload.BaseServerVersion, CheckUpload(upload, _realm!.Schema)) { Guard = CreateGuard() };
        var outcome = await _realm.Integrator.SubmitAsync(work, cancellationToken).ConfigureAwait(false);
        if (outcome.Failed)
        {
            throw new SyncSessionException(outcome.Error, outcome.Message ?? outcome.Error.ToString());
        }

        await ReportDeniedWritesAsync(outcome.Denied, outcome.Resend, cancellationToken).ConfigureAwait(false);
        if (_sender!.ExpectAck(outcome.UploadAck, outcome.OnlyDuplicates))
        {
            Volatile.Write(ref _uploadInFlight, 0);
        }
    }

    private Task RunSenderAsync(bool bootstrap, CancellationTokenSource session) => Task.Run(async () =>
    {
        try
        {
            await _sender!.RunAsync(bootstrap, session.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // End the session: the receive loop sees the cancellation and reports an internal error.
            _senderFault = exception;
            await session.CancelAsync().ConfigureAwait(false);
        }
    });

    private static async Task StopAsync(CancellationTokenSource session, Task? senderTask)
    {
        if (senderTask is null)
        {
            return;
        }

        await session.CancelAsync().ConfigureAwait(false);
        await senderTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SendErrorAsync(SyncSessionException exception, CancellationToken cancellationToken)
    {
        ServerLog.SessionError(_services.Logger, _realm?.Name, _fileIdent, exception.Code.ToString(), true, exception.Message);
        _services.Metrics.Error(exception.Code.ToString());
        try
        {
            await WriteAsync(new ServerMessage { Error = SyncErrors.ToMessage(exception) }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception writeFailure) when (writeFailure is OperationCanceledException or ObjectDisposedException or System.IO.IOException or InvalidOperationException or RpcException)
        {
            // Best effort: the client is gone or the stream already ended, so there is nobody to tell.
        }
    }

    private async Task WriteAsync(ServerMessage message, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _write(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
