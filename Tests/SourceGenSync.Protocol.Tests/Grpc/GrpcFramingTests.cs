using System;
using System.Buffers;
using SourceGenSync.Grpc;

namespace SourceGenSync.Protocol.Tests.Grpc;

public sealed class GrpcFramingTests
{
    private static byte[] Frame(byte[] payload, byte flag = 0)
    {
        var frame = new byte[GrpcFraming.HeaderSize + payload.Length];
        GrpcFraming.WriteHeader(frame, payload.Length);
        frame[0] = flag;
        payload.CopyTo(frame, GrpcFraming.HeaderSize);
        return frame;
    }

    [Fact]
    public void Header_is_a_zero_flag_and_a_big_endian_length()
    {
        var header = new byte[5];
        GrpcFraming.WriteHeader(header, 0x01020304);

        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, header);
    }

    [Fact]
    public void Reads_consecutive_frames_including_an_empty_message()
    {
        byte[] bytes = [.. Frame([1, 2, 3]), .. Frame([]), .. Frame([9])];
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(GrpcFraming.TryReadFrame(ref buffer, 100, out var first));
        Assert.True(GrpcFraming.TryReadFrame(ref buffer, 100, out var second));
        Assert.True(GrpcFraming.TryReadFrame(ref buffer, 100, out var third));

        Assert.Equal(new byte[] { 1, 2, 3 }, first.ToArray());
        Assert.True(second.IsEmpty);
        Assert.Equal(new byte[] { 9 }, third.ToArray());
        Assert.True(buffer.IsEmpty);
        Assert.False(GrpcFraming.TryReadFrame(ref buffer, 100, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void An_incomplete_frame_needs_more_bytes_and_leaves_the_buffer_alone(int available)
    {
        var bytes = Frame([1, 2, 3, 4]).AsSpan(0, available).ToArray();
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.False(GrpcFraming.TryReadFrame(ref buffer, 100, out _));
        Assert.Equal(available, buffer.Length);
    }

    [Fact]
    public void A_frame_split_across_segments_is_reassembled()
    {
        var bytes = Frame([10, 20, 30, 40, 50]);
        var buffer = Segments.Create(bytes.AsSpan(0, 2).ToArray(), bytes.AsSpan(2, 4).ToArray(), bytes.AsSpan(6).ToArray());

        Assert.True(GrpcFraming.TryReadFrame(ref buffer, 100, out var payload));
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50 }, payload.ToArray());
    }

    [Fact]
    public void A_compressed_frame_without_negotiated_encoding_is_INTERNAL()
    {
        var buffer = new ReadOnlySequence<byte>(Frame([1], flag: 1));

        var error = Assert.Throws<RpcException>(() => GrpcFraming.TryReadFrame(ref buffer, 100, out _));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("grpc-encoding", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_flag_is_INTERNAL_even_before_the_payload_arrives()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x80, 0, 0, 0, 9 });

        var error = Assert.Throws<RpcException>(() => GrpcFraming.TryReadFrame(ref buffer, 100, out _));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public void An_oversized_length_is_RESOURCE_EXHAUSTED_from_the_prefix_alone()
    {
        // 2 GiB declared, no payload sent: refused without waiting for (or buffering) the payload.
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0x80, 0, 0, 0 });

        var error = Assert.Throws<RpcException>(() => GrpcFraming.TryReadFrame(ref buffer, 4 * 1024 * 1024, out _));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void A_message_of_exactly_the_limit_is_accepted()
    {
        var buffer = new ReadOnlySequence<byte>(Frame(new byte[64]));

        Assert.True(GrpcFraming.TryReadFrame(ref buffer, 64, out var payload));
        Assert.Equal(64, payload.Length);
    }

    [Fact]
    public void Send_size_check_throws_RESOURCE_EXHAUSTED_over_the_limit()
    {
        GrpcFraming.CheckSendSize(10, 10);
        var error = Assert.Throws<RpcException>(() => GrpcFraming.CheckSendSize(11, 10));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Create(params byte[][] parts)
        {
            var first = new Segments(parts[0], 0);
            var last = first;
            for (var i = 1; i < parts.Length; i++)
            {
                var next = new Segments(parts[i], last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
