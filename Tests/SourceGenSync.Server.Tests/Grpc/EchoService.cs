using System;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;

namespace SourceGenSync.Server.Tests.Grpc;

/// <summary>What the test server's handlers observed, for tests to wait on.</summary>
internal sealed class EchoProbe
{
    private int _active;
    private int _maxActive;

    public TaskCompletionSource<ServerCallContext> WaitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a "wait" handler saw its cancellation token fire (client cancel or deadline).</summary>
    public TaskCompletionSource<bool> WaitCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxActiveDuplexCalls => Volatile.Read(ref _maxActive);

    public DateTime LastDeadline { get; set; } = DateTime.MinValue;

    public void Enter()
    {
        var now = Interlocked.Increment(ref _active);
        int max;
        while (now > (max = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, now, max) != max)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _active);
}

/// <summary>The C# Echo service; grpc-js/echo-service.js implements the same behaviour.</summary>
internal static class EchoService
{
    public static async Task<EchoReply> UnaryAsync(EchoRequest request, ServerCallContext context, EchoProbe probe)
    {
        probe.LastDeadline = context.Deadline;
        await ActAsync(request, context, probe);
        if (request.Text == "headers")
        {
            await context.WriteResponseHeadersAsync(new Metadata().Add("x-response-header", "kestrel"), context.CancellationToken);
        }

        context.ResponseTrailers.Add("x-trailer", "kestrel");
        if (context.RequestHeaders.GetValueBytes("x-data-bin") is { } data)
        {
            context.ResponseTrailers.Add("x-data-bin", data);
        }

        return Reply(request, context);
    }

    public static async Task DuplexAsync(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context, EchoProbe probe)
    {
        probe.Enter();
        try
        {
            while (await requests.MoveNext(context.CancellationToken))
            {
                var request = requests.Current;
                if (request.Text == "end-now")
                {
                    return; // ends the call OK while the client may still be writing
                }

                await ActAsync(request, context, probe);
                var count = Math.Max(1, request.ReplyCount);
                for (var i = 0; i < count; i++)
                {
                    await responses.WriteAsync(Reply(request, context), context.CancellationToken);
                }
            }
        }
        finally
        {
            probe.Leave();
        }
    }

    private static async Task ActAsync(EchoRequest request, ServerCallContext context, EchoProbe probe)
    {
        if (request.FailWithCode != 0)
        {
            throw new RpcException(new Status((StatusCode)request.FailWithCode, request.FailMessage), new Metadata().Add("x-error-detail", "from-kestrel"));
        }

        switch (request.Text)
        {
            case "throw":
                throw new InvalidOperationException("secret internal detail: password=hunter2");
            case "wait":
                probe.WaitStarted.TrySetResult(context);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    probe.WaitCancelled.TrySetResult(true);
                    throw;
                }

                break;
        }
    }

    private static EchoReply Reply(EchoRequest request, ServerCallContext context) => new()
    {
        Text = request.Text,
        Sequence = request.Sequence,
        Payload = request.ReplyPayloadSize > 0 ? ByteString.CopyFrom(new byte[request.ReplyPayloadSize]) : request.Payload,
        MetadataEcho = context.RequestHeaders.GetValue("x-echo") ?? "",
    };
}
