using System;
using System.Buffers;
using System.Buffers.Binary;

namespace SourceGenSync.Grpc;

/// <summary>gRPC's length-prefixed message framing (PROTOCOL-HTTP2 "Length-Prefixed-Message"): a 1-byte
/// compressed flag, a 4-byte big-endian length, then the payload. We never compress.</summary>
internal static class GrpcFraming
{
    public const int HeaderSize = 5;

    /// <summary>The default for both directions, as in other gRPC implementations.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    public static void WriteHeader(Span<byte> destination, int payloadLength)
    {
        destination[0] = 0; // not compressed: we never negotiate grpc-encoding
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)payloadLength);
    }

    public static void CheckSendSize(int payloadLength, int maxPayload)
    {
        if (payloadLength > maxPayload)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({payloadLength} > {maxPayload} bytes)."));
        }
    }

    /// <summary>Takes one complete frame off the front of <paramref name="buffer"/>. Returns false (and leaves
    /// the buffer alone) when more bytes are needed. Throws <see cref="RpcException"/> for a frame that can
    /// never be valid: a compressed or unknown flag (INTERNAL: no compression was negotiated) or a declared
    /// length over <paramref name="maxPayload"/> (RESOURCE_EXHAUSTED) — found from the prefix alone, before
    /// the payload arrives, so an oversized message is never buffered.</summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxPayload, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var flag = header[0];
        if (flag == 1)
        {
            throw new RpcException(new Status(StatusCode.Internal,
                "Received a compressed message, but no grpc-encoding was negotiated (compression is not supported)."));
        }

        if (flag != 0)
        {
            throw new RpcException(new Status(StatusCode.Internal,
                $"Malformed gRPC frame: compressed flag {flag} is neither 0 nor 1."));
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxPayload)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {maxPayload} bytes)."));
        }

        if (buffer.Length - HeaderSize < length)
        {
            return false;
        }

        payload = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>The error for a stream that ended in the middle of a frame.</summary>
    public static RpcException Truncated(long bufferedBytes) => new(new Status(StatusCode.Internal,
        $"Malformed gRPC frame: the stream ended inside a message ({bufferedBytes} bytes of an incomplete frame)."));
}
