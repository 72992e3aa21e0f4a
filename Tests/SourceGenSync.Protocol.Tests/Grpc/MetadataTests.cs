using System;
using System.Linq;
using Google.Protobuf;
using SourceGenSync.Grpc;
using SourceGenSync.Tests.Echo;

namespace SourceGenSync.Protocol.Tests.Grpc;

public sealed class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased_and_lookups_ignore_case()
    {
        var metadata = new Metadata().Add("Authorization", "Bearer x");

        Assert.Equal("authorization", metadata[0].Key);
        Assert.Equal("Bearer x", metadata.GetValue("AUTHORIZATION"));
    }

    [Theory]
    [InlineData("bad key")]
    [InlineData("k:ey")]
    [InlineData("ключ")]
    [InlineData("")]
    public void Keys_outside_the_allowed_characters_are_rejected(string key) =>
        Assert.ThrowsAny<ArgumentException>(() => new Metadata().Add(key, "v"));

    [Fact]
    public void Binary_keys_take_bytes_and_text_keys_take_printable_ASCII()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data", new byte[] { 1 }));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data", "line\nbreak"));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data", "ü"));

        var entry = new Metadata().Add("data-bin", new byte[] { 0xFF, 0x00 })[0];
        Assert.True(entry.IsBinary);
        Assert.Equal("/wA", entry.Value); // unpadded base64, as sent on the wire
    }

    [Fact]
    public void Repeated_keys_keep_every_value_and_Get_returns_the_last()
    {
        var metadata = new Metadata().Add("k", "1").Add("k", "2").Add("other", "x");

        Assert.Equal("2", metadata.GetValue("k"));
        Assert.Equal(new[] { "1", "2" }, metadata.GetAll("k").Select(e => e.Value));
        Assert.Equal(2, metadata.Remove("k"));
        Assert.Null(metadata.Get("k"));
        Assert.Single(metadata);
    }

    [Fact]
    public void Frozen_metadata_cannot_change()
    {
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("k", "v"));
        Assert.True(new Metadata().Freeze().IsReadOnly);
    }

    [Fact]
    public void Method_full_name_is_the_http2_path()
    {
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "pkg.Service", "Call",
            ProtobufMarshaller.Create(EchoRequest.Parser), ProtobufMarshaller.Create(EchoReply.Parser));

        Assert.Equal("/pkg.Service/Call", method.FullName);
    }

    [Fact]
    public void Protobuf_marshaller_round_trips_and_frames_in_one_array()
    {
        var marshaller = ProtobufMarshaller.Create(EchoRequest.Parser);
        var message = new EchoRequest { Text = "hello", Sequence = 3, Payload = ByteString.CopyFrom(1, 2, 3) };

        var frame = marshaller.SerializeFrame(message, 1000);
        var parsed = marshaller.Deserializer(new System.Buffers.ReadOnlySequence<byte>(frame, 5, frame.Length - 5));

        Assert.Equal(message, parsed);
        Assert.Equal(message.CalculateSize(), frame.Length - 5);
        Assert.Equal(StatusCode.ResourceExhausted, Assert.Throws<RpcException>(() => marshaller.SerializeFrame(message, 3)).StatusCode);
    }

    [Fact]
    public void A_custom_marshaller_is_framed_with_its_serializer()
    {
        var marshaller = new Marshaller<string>(s => System.Text.Encoding.UTF8.GetBytes(s), seq => System.Text.EncodingExtensions.GetString(System.Text.Encoding.UTF8, seq));

        var frame = marshaller.SerializeFrame("abc", 10);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 3, (byte)'a', (byte)'b', (byte)'c' }, frame);
    }
}
