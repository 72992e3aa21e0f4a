namespace SourceGenSync.Grpc;

/// <summary>The transport seam: generated-style client code calls these, and any gRPC client (ours on
/// HttpClient, or an adapter over Grpc.Net.Client) can sit behind it.</summary>
public abstract class CallInvoker
{
    public abstract AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request);

    public abstract AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options);
}
