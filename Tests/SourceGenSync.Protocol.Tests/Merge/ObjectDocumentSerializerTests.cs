using System;
using System.Collections.Generic;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SourceGenSync.Merge;

namespace SourceGenSync.Protocol.Tests.Merge;

public sealed class ObjectDocumentSerializerTests
{
    public static IEnumerable<object[]> Values()
    {
        RealmValue[] values =
        [
            RealmValue.Null, 0L, long.MinValue, long.MaxValue, -1L, true, false, "", "plain", "ünïcødé 🐕 \"quoted\" \\ \n\t\u0000",
            new byte[0], new byte[] { 0, 1, 254, 255 },
            1.5, -0.0, 0.0, double.MaxValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
            BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123), 0.1 + 0.2,
            1.5f, -0.0f, float.MaxValue, float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_0042), float.NegativeInfinity,
            1.0m, 1.00m, -0.0m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, new decimal(0, 0, 0, true, 5),
            new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromMinutes(-570)).AddTicks(1234567),
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(1, 1, 1, 14, 0, 0, TimeSpan.FromHours(14)),
            new ObjectId("0123456789abcdef01234567"), ObjectId.Empty,
            Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), Guid.Empty,
        ];
        foreach (var value in values)
        {
            yield return [new ValueCase(value)];
        }
    }

    /// <summary>Wraps a value so xunit shows it readably and does not try to serialize RealmValue.</summary>
    public sealed record ValueCase(RealmValue Value)
    {
        public override string ToString() => $"{Value.Type}: {Value}";
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_value_type_round_trips_exactly_as_field_list_element_and_link_key(ValueCase value)
    {
        var document = new ObjectDocument()
            .Set("field", DocumentValue.Of(value.Value))
            .Set("list", DocumentValue.NewList().Add(DocumentValue.Of(value.Value)))
            .Set("set", DocumentValue.NewSet().Add(DocumentValue.Of(value.Value)))
            .Set("dict", DocumentValue.NewDictionary().Add("k", DocumentValue.Of(value.Value)))
            .Set("link", DocumentValue.Link("Dog", value.Value));

        var bytes = ObjectDocumentSerializer.Serialize(document);
        var back = ObjectDocumentSerializer.Deserialize(bytes);

        Assert.True(document.Equals(back), $"{document} came back as {back}");
        Assert.Equal(bytes, ObjectDocumentSerializer.Serialize(back));
    }

    [Fact]
    public void The_json_shape_is_plain_for_common_types_and_tagged_for_the_rest()
    {
        var home = new ObjectDocument().Set("city", DocumentValue.Of("Oslo"));
        var document = new ObjectDocument()
            .Set("name", DocumentValue.Of("Ann"))
            .Set("age", DocumentValue.Of(30))
            .Set("ok", DocumentValue.Of(true))
            .Set("none", DocumentValue.Null)
            .Set("weight", DocumentValue.Of(61.5))
            .Set("price", DocumentValue.Of(1.50m))
            .Set("born", DocumentValue.Of(new DateTimeOffset(2000, 1, 2, 3, 4, 5, TimeSpan.FromHours(1))))
            .Set("dog", DocumentValue.Link("Dog", 3))
            .Set("home", DocumentValue.Embedded(home))
            .Set("tags", DocumentValue.NewList().Add(DocumentValue.Of("x")))
            .Set("labels", DocumentValue.NewSet().Add(DocumentValue.Of("b")).Add(DocumentValue.Of("a")))
            .Set("scores", DocumentValue.NewDictionary().Add("math", DocumentValue.Of(5)))
            .Set("empty", DocumentValue.NewList());

        Assert.Equal(
            """{"age":30,"born":{"$date":"2000-01-02T03:04:05.0000000+01:00"},"dog":{"$link":["Dog",3]},"home":{"$embedded":{"city":"Oslo"}},"labels":{"$set":["a","b"]},"name":"Ann","none":null,"ok":true,"price":{"$decimal":"1.50"},"scores":{"$dict":{"math":5}},"tags":{"$list":["x"]},"weight":{"$double":61.5}}""",
            ObjectDocumentSerializer.SerializeToString(document));
    }

    [Theory]
    [InlineData("", "not valid document JSON")]
    [InlineData("[]", "object")]
    [InlineData("{\"a\":1} {}", "after")]
    [InlineData("{\"a\":1,\"a\":2}", "twice")]
    [InlineData("{\"a\":1.5}", "64-bit integer")]
    [InlineData("{\"a\":1e3}", "64-bit integer")]
    [InlineData("{\"a\":9223372036854775808}", "64-bit integer")]
    [InlineData("{\"a\":{}}", "empty object")]
    [InlineData("{\"a\":{\"$nope\":1}}", "$nope")]
    [InlineData("{\"a\":{\"$double\":\"NaN\"}}", "$double")]
    [InlineData("{\"a\":{\"$decimal\":\"1e5\"}}", "$decimal")]
    [InlineData("{\"a\":{\"$decimal\":\"0.00000000000000000000000000001\"}}", "$decimal")]
    [InlineData("{\"a\":{\"$date\":\"2024-13-01\"}}", "$date")]
    [InlineData("{\"a\":{\"$binary\":\"not base64!\"}}", "base64")]
    [InlineData("{\"a\":{\"$oid\":\"0123\"}}", "$oid")]
    [InlineData("{\"a\":{\"$uuid\":\"{00112233-4455-6677-8899-aabbccddeeff}\"}}", "$uuid")]
    [InlineData("{\"a\":{\"$link\":[\"Dog\"]}}", "$link")]
    [InlineData("{\"a\":{\"$link\":[\"Dog\",{\"$embedded\":{}}]}}", "plain value")]
    [InlineData("{\"a\":{\"$list\":[{\"$list\":[]}]}}", "collections")]
    [InlineData("{\"a\":{\"$set\":[1,1]}}", "twice")]
    [InlineData("{\"a\":{\"$set\":[{\"$embedded\":{}}]}}", "embedded")]
    [InlineData("{\"a\":{\"$dict\":{\"k\":1,\"k\":2}}}", "twice")]
    [InlineData("{\"a\":{\"$double\":1,\"$float\":2}}", "exactly one")]
    [InlineData("{\"a\":1,}", "not valid document JSON")]
    [InlineData("{/*c*/\"a\":1}", "not valid document JSON")]
    [InlineData("{\"a\":\"\\uD800\"}", "not valid document JSON")]
    public void Hostile_input_throws_a_document_format_exception(string json, string reason)
    {
        var error = Assert.Throws<DocumentFormatException>(() => ObjectDocumentSerializer.Deserialize(json));

        Assert.Contains(reason, error.Message);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var json = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            json.Append("{\"e\":{\"$embedded\":");
        }

        Assert.Throws<DocumentFormatException>(() => ObjectDocumentSerializer.Deserialize(json.ToString()));
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        Assert.Throws<DocumentFormatException>(() => ObjectDocumentSerializer.Deserialize([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']));
    }

    [Fact]
    public void Random_bytes_and_mutated_documents_only_ever_throw_document_format_exceptions()
    {
        var valid = Encoding.UTF8.GetBytes("""{"a":{"$list":[1,{"$link":["Dog",{"$uuid":"00112233-4455-6677-8899-aabbccddeeff"}]}]},"b":{"$dict":{"k":{"$embedded":{"c":{"$decimal":"-1.50"}}}}}}""");
        var input = from position in Gen.Choose(0, valid.Length - 1)
                    from value in Gen.Choose(0, 255)
                    from random in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
                    select (position, (byte)value, random);

        Prop.ForAll(Arb.From(input), c =>
        {
            var mutated = (byte[])valid.Clone();
            mutated[c.position] = c.Item2;
            return ParsesOrRefuses(mutated) && ParsesOrRefuses(c.random);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    private static bool ParsesOrRefuses(byte[] bytes)
    {
        try
        {
            var document = ObjectDocumentSerializer.Deserialize(bytes);
            return document.Equals(ObjectDocumentSerializer.Deserialize(ObjectDocumentSerializer.Serialize(document)));
        }
        catch (DocumentFormatException)
        {
            return true;
        }
    }
}
