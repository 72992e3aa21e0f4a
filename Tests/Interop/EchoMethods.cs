using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;

namespace SourceGenSync.Tests.Interop;

/// <summary>The methods of echo.proto's Echo service (we generate messages only, so methods are declared here).</summary>
internal static class EchoMethods
{
    public const string ServiceName = "sourcegensync.test.echo.Echo";

    public static readonly Marshaller<EchoRequest> RequestMarshaller = ProtobufMarshaller.Create(EchoRequest.Parser);

    public static readonly Marshaller<EchoReply> ReplyMarshaller = ProtobufMarshaller.Create(EchoReply.Parser);

    public static readonly Method<EchoRequest, EchoReply> Unary =
        new(MethodType.Unary, ServiceName, "Unary", RequestMarshaller, ReplyMarshaller);

    public static readonly Method<EchoRequest, EchoReply> Duplex =
        new(MethodType.DuplexStreaming, ServiceName, "Duplex", RequestMarshaller, ReplyMarshaller);

    /// <summary>A method the servers do not implement.</summary>
    public static readonly Method<EchoRequest, EchoReply> Missing =
        new(MethodType.Unary, ServiceName, "Missing", RequestMarshaller, ReplyMarshaller);
}
