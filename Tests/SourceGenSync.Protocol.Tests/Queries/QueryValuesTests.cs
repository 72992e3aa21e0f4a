using System;
using System.Linq;
using Google.Protobuf;
using SourceGenSync.Protocol.Sync;
using SourceGenSync.Queries;

namespace SourceGenSync.Protocol.Tests.Queries;

public sealed class QueryValuesTests
{
    [Fact]
    public void Every_value_type_round_trips_through_the_wire_form()
    {
        RealmValue[] values =
            [
                .. new RandomQueries(seed: 3).Values(3000),
                RealmValue.Null, float.NaN, float.NegativeInfinity, double.NaN, -0.0, decimal.MaxValue, decimal.MinValue,
                0.0000000000000000000000000001m, Array.Empty<byte>(), "", DateTimeOffset.MinValue, DateTimeOffset.MaxValue,
                Guid.Empty, ObjectId.Empty, long.MinValue,
            ];

        foreach (var value in values)
        {
            // Through bytes too: what the server gets is what a client serialized.
            var wire = QueryValue.Parser.ParseFrom(QueryValues.ToProto(value).ToByteArray());

            var back = QueryValues.FromProto(wire);

            Assert.Equal(value.Type, back.Type);
            Assert.Equal(value, back);
            if (value.Type == RealmValueType.Decimal)
            {
                Assert.Equal(decimal.GetBits(value.AsDecimal()), decimal.GetBits(back.AsDecimal()));
            }

            if (value.Type == RealmValueType.Date)
            {
                Assert.Equal(value.AsDate().Offset, back.AsDate().Offset);
            }
        }
    }

    [Fact]
    public void Wire_forms_follow_sync_proto()
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var objectId = new ObjectId("0102030405060708090a0b0c");
        var date = new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromMinutes(-90));

        Assert.True(QueryValues.ToProto(RealmValue.Null).NullValue);
        Assert.Equal(-5L, QueryValues.ToProto(-5L).IntValue);
        Assert.Equal("1.50", QueryValues.ToProto(1.50m).DecimalValue);
        Assert.Equal("-0.001", QueryValues.ToProto(-0.001m).DecimalValue);
        Assert.Equal(Convert.FromHexString("00112233445566778899aabbccddeeff"), QueryValues.ToProto(guid).GuidValue.ToByteArray());
        Assert.Equal(Convert.FromHexString("0102030405060708090a0b0c"), QueryValues.ToProto(objectId).ObjectIdValue.ToByteArray());
        var wireDate = QueryValues.ToProto(date).DateValue;
        Assert.Equal(date.UtcTicks, wireDate.UtcTicks);
        Assert.Equal(-90, wireDate.OffsetMinutes);
        Assert.Equal(QueryValue.ValueOneofCase.BoolValue, QueryValues.ToProto(false).ValueCase);
        Assert.Equal(QueryValue.ValueOneofCase.FloatValue, QueryValues.ToProto(1.5f).ValueCase);
        Assert.Equal(QueryValue.ValueOneofCase.DoubleValue, QueryValues.ToProto(1.5).ValueCase);
        Assert.Equal(QueryValue.ValueOneofCase.StringValue, QueryValues.ToProto("s").ValueCase);
        Assert.Equal(QueryValue.ValueOneofCase.DataValue, QueryValues.ToProto(new byte[] { 1 }).ValueCase);
    }

    [Fact]
    public void An_unset_value_is_null()
    {
        Assert.True(QueryValues.FromProto(new QueryValue()).IsNull);
        Assert.True(QueryValues.FromProto(new QueryValue { NullValue = false }).IsNull);
    }

    [Fact]
    public void Data_is_copied_so_the_message_buffer_can_be_reused()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var value = QueryValues.FromProto(QueryValues.ToProto(bytes));
        bytes[0] = 9;

        Assert.Equal(new byte[] { 1, 2, 3 }, value.AsData());
    }

    [Fact]
    public void Object_links_are_not_query_arguments()
    {
        var error = Assert.Throws<ArgumentException>(() => QueryValues.ToProto(RealmValue.CreateObject(new object())));

        Assert.Contains("Object value cannot be a query argument", error.Message);
    }

    public static TheoryData<QueryValue, string> BadValues() => new()
    {
        { new QueryValue { GuidValue = ByteString.CopyFrom(new byte[15]) }, "A guid value must be 16 bytes, not 15." },
        { new QueryValue { GuidValue = ByteString.Empty }, "A guid value must be 16 bytes, not 0." },
        { new QueryValue { ObjectIdValue = ByteString.CopyFrom(new byte[13]) }, "An object id value must be 12 bytes, not 13." },
        { new QueryValue { DecimalValue = "abc" }, "The decimal value 'abc' is not an invariant-culture decimal" },
        { new QueryValue { DecimalValue = "" }, "The decimal value '' is not" },
        { new QueryValue { DecimalValue = "1e5" }, "The decimal value '1e5' is not" },
        { new QueryValue { DecimalValue = " 1" }, "The decimal value ' 1' is not" },
        { new QueryValue { DecimalValue = "1,000" }, "The decimal value '1,000' is not" },
        { new QueryValue { DecimalValue = "99999999999999999999999999999" + "9" }, "is not an invariant-culture decimal" },
        { new QueryValue { DecimalValue = new string('1', 500) }, "'1111111111111111111111111111111111111111…' is not" },
        { new QueryValue { DateValue = new QueryDate { UtcTicks = -1 } }, "The date's utc_ticks -1 is outside 0 to 3155378975999999999" },
        { new QueryValue { DateValue = new QueryDate { UtcTicks = long.MaxValue } }, "utc_ticks 9223372036854775807 is outside" },
        { new QueryValue { DateValue = new QueryDate { OffsetMinutes = 841 } }, "The date's offset_minutes 841 is outside -840 to 840" },
        { new QueryValue { DateValue = new QueryDate { OffsetMinutes = int.MinValue } }, "offset_minutes -2147483648 is outside" },
        { new QueryValue { DateValue = new QueryDate { UtcTicks = 0, OffsetMinutes = -60 } }, "falls outside the representable range in local time" },
        { new QueryValue { DateValue = new QueryDate { UtcTicks = DateTime.MaxValue.Ticks, OffsetMinutes = 1 } }, "falls outside the representable range" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Bad_wire_values_are_format_errors_that_say_what_is_wrong(QueryValue value, string message)
    {
        var error = Assert.Throws<FormatException>(() => QueryValues.FromProto(value));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Argument_lists_convert_in_order_and_name_the_bad_argument()
    {
        var values = QueryValues.FromProto([QueryValues.ToProto(1L), QueryValues.ToProto("a"), new QueryValue()]);

        Assert.Equal(new RealmValue[] { 1L, "a", RealmValue.Null }, values.ToArray());
        var error = Assert.Throws<FormatException>(() =>
            QueryValues.FromProto([QueryValues.ToProto(1L), new QueryValue { GuidValue = ByteString.CopyFrom(1) }]));
        Assert.Equal("Argument $1: A guid value must be 16 bytes, not 1.", error.Message);
    }

    [Fact]
    public void Parsed_arguments_from_the_wire_feed_the_parser()
    {
        var arguments = QueryValues.FromProto([QueryValues.ToProto(3L), QueryValues.ToProto("x")]);

        var parsed = QueryParser.Parse("a > $0 AND b CONTAINS[c] $1", arguments);

        Assert.Equal(
            new AndNode(
                new ComparisonNode(PropertyPath.Of("a"), ComparisonOperator.GreaterThan, 3L),
                new StringNode(PropertyPath.Of("b"), StringOperator.Contains, "x", CaseSensitive: false)),
            parsed);
    }
}
