using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Grpc;

/// <summary>The request body of a call: hands the HTTP/2 request stream to the call's writer pump and stays
/// pending until the pump half-closes (pitfall 2: a duplex body must not end when SerializeToStreamAsync
/// would normally return).</summary>
internal sealed class GrpcRequestContent : HttpContent
{
    private static readonly MediaTypeHeaderValue GrpcMediaType = new(GrpcProtocol.ContentType);

    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrpcRequestContent()
    {
        Headers.ContentType = GrpcMediaType;
    }

    /// <summary>Completes when the handler starts sending the body.</summary>
    public Task<Stream> Stream => _stream.Task;

    /// <summary>Ends the body normally (END_STREAM).</summary>
    public void Complete() => _done.TrySetResult();

    /// <summary>Ends the body abnormally (the handler resets the stream if it is still open).</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _done.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        // The handler cancels this token when the request ends early (e.g. the server answered and reset).
        await using var registration = cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), _done);
        await _done.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
