using System;
using SourceGenSync.Grpc;

namespace SourceGenSync.Protocol.Tests.Grpc;

public sealed class GrpcProtocolTests
{
    [Theory]
    [InlineData(1, "1m")]
    [InlineData(1500, "1500m")]
    [InlineData(99_999_999, "99999999m")]
    [InlineData(100_000_000, "100000S")]
    public void Timeouts_are_encoded_with_at_most_eight_digits(long milliseconds, string expected) =>
        Assert.Equal(expected, GrpcProtocol.EncodeTimeout(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Timeouts_round_up_so_the_server_never_sees_an_earlier_deadline()
    {
        Assert.Equal("2m", GrpcProtocol.EncodeTimeout(TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond + 1)));
        Assert.Equal("1m", GrpcProtocol.EncodeTimeout(TimeSpan.Zero));
        Assert.Equal("99999999H", GrpcProtocol.EncodeTimeout(TimeSpan.MaxValue));
    }

    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("100n", 1L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Valid_grpc_timeout_values_parse(string value, long expectedTicks)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(value, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData("123456789S")]
    [InlineData(" 1S")]
    public void Invalid_grpc_timeout_values_are_rejected(string? value) =>
        Assert.False(GrpcProtocol.TryParseTimeout(value, out _));

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("😀", "%F0%9F%98%80")]
    public void Grpc_message_is_percent_encoded(string message, string encoded)
    {
        Assert.Equal(encoded, GrpcProtocol.PercentEncode(message));
        Assert.Equal(message, GrpcProtocol.PercentDecode(encoded));
    }

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%4", "%4")]
    [InlineData("%41%42", "AB")]
    public void Percent_decoding_is_lenient_with_malformed_sequences(string value, string expected) =>
        Assert.Equal(expected, GrpcProtocol.PercentDecode(value));

    [Fact]
    public void Status_is_parsed_from_grpc_status_and_grpc_message()
    {
        Assert.Equal(new Status(StatusCode.NotFound, "gone ü"), GrpcProtocol.ParseStatus("5", "gone %C3%BC"));
        Assert.Equal(new Status(StatusCode.OK, ""), GrpcProtocol.ParseStatus("0", null));
        Assert.Null(GrpcProtocol.ParseStatus(null, "no status"));
        Assert.Equal(StatusCode.Unknown, GrpcProtocol.ParseStatus("42", null)!.Value.StatusCode);
        Assert.Equal(StatusCode.Unknown, GrpcProtocol.ParseStatus("x", null)!.Value.StatusCode);
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("APPLICATION/GRPC", true)]
    [InlineData("application/grpc-web", false)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Content_type_is_accepted_by_prefix(string? contentType, bool expected) =>
        Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(415, StatusCode.Unknown)]
    public void Http_statuses_map_to_grpc_statuses_per_the_spec_table(int http, StatusCode expected) =>
        Assert.Equal(expected, GrpcProtocol.FromHttpStatus(http));

    [Theory]
    [InlineData(0x0, StatusCode.Internal)]
    [InlineData(0x2, StatusCode.Internal)]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    [InlineData(0xc, StatusCode.PermissionDenied)]
    public void Http2_reset_codes_map_to_grpc_statuses(long code, StatusCode expected) =>
        Assert.Equal(expected, GrpcProtocol.FromHttp2ErrorCode(code));

    [Theory]
    [InlineData("AAEC", new byte[] { 0, 1, 2 })]
    [InlineData("AAE", new byte[] { 0, 1 })]
    [InlineData("AAE=", new byte[] { 0, 1 })]
    [InlineData("AA", new byte[] { 0 })]
    public void Binary_header_values_decode_with_or_without_padding(string value, byte[] expected) =>
        Assert.Equal(expected, GrpcProtocol.DecodeBinaryHeader(value));

    [Fact]
    public void Transport_headers_are_reserved()
    {
        Assert.True(GrpcProtocol.IsReservedHeader("grpc-status"));
        Assert.True(GrpcProtocol.IsReservedHeader("content-type"));
        Assert.True(GrpcProtocol.IsReservedHeader(":path"));
        Assert.True(GrpcProtocol.IsReservedHeader("te"));
        Assert.False(GrpcProtocol.IsReservedHeader("authorization"));
        Assert.False(GrpcProtocol.IsReservedHeader("x-custom-bin"));
    }
}
