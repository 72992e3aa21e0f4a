using System;
using System.Buffers;
using Google.Protobuf;

namespace SourceGenSync.Grpc;

/// <summary>Turns messages into bytes and back.</summary>
public sealed class Marshaller<T>
{
    public Marshaller(Func<T, byte[]> serializer, Func<ReadOnlySequence<byte>, T> deserializer)
        : this(serializer, deserializer, null)
    {
    }

    internal Marshaller(Func<T, byte[]> serializer, Func<ReadOnlySequence<byte>, T> deserializer, FrameSerializer? frameSerializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        Serializer = serializer;
        Deserializer = deserializer;
        SerializeFrame = frameSerializer ?? DefaultFrame;
    }

    /// <summary>Writes a whole gRPC frame (5-byte prefix + payload) in one array, so the transport writes one
    /// buffer per message; <paramref name="maxPayload"/> is checked before the array is allocated when the
    /// size is known up front.</summary>
    internal delegate byte[] FrameSerializer(T message, int maxPayload);

    public Func<T, byte[]> Serializer { get; }

    public Func<ReadOnlySequence<byte>, T> Deserializer { get; }

    internal FrameSerializer SerializeFrame { get; }

    private byte[] DefaultFrame(T message, int maxPayload)
    {
        var payload = Serializer(message);
        GrpcFraming.CheckSendSize(payload.Length, maxPayload);
        var frame = new byte[GrpcFraming.HeaderSize + payload.Length];
        GrpcFraming.WriteHeader(frame, payload.Length);
        payload.CopyTo(frame.AsSpan(GrpcFraming.HeaderSize));
        return frame;
    }
}

/// <summary>Marshallers for Google.Protobuf messages.</summary>
public static class ProtobufMarshaller
{
    public static Marshaller<T> Create<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(parser);
        return new Marshaller<T>(
            static message => message.ToByteArray(),
            sequence => parser.ParseFrom(sequence),
            static (message, maxPayload) =>
            {
                // Size first: an oversized message is refused without serializing it.
                var size = message.CalculateSize();
                GrpcFraming.CheckSendSize(size, maxPayload);
                var frame = new byte[GrpcFraming.HeaderSize + size];
                GrpcFraming.WriteHeader(frame, size);
                message.WriteTo(frame.AsSpan(GrpcFraming.HeaderSize));
                return frame;
            });
    }
}
