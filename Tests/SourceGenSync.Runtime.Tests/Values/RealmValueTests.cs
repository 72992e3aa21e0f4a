using System;
using System.Globalization;

namespace SourceGenSync.Runtime.Tests.Values;

public sealed class RealmValueTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(-42L)]
    public void Int64_round_trips(long value)
    {
        RealmValue v = value;

        Assert.Equal(RealmValueType.Int, v.Type);
        Assert.Equal(value, v.AsInt64());
    }

    [Fact]
    public void Bool_float_and_double_round_trip_bit_exactly()
    {
        Assert.True(RealmValue.Create(true).AsBool());
        Assert.False(RealmValue.Create(false).AsBool());
        Assert.Equal(-1.5f, RealmValue.Create(-1.5f).AsFloat());
        Assert.Equal(float.Epsilon, RealmValue.Create(float.Epsilon).AsFloat());
        Assert.Equal(Math.PI, RealmValue.Create(Math.PI).AsDouble());
        Assert.Equal(double.NegativeInfinity, RealmValue.Create(double.NegativeInfinity).AsDouble());
        Assert.Equal(RealmValueType.Float, RealmValue.Create(1f).Type);
        Assert.Equal(RealmValueType.Double, RealmValue.Create(1d).Type);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("-123.4500")]
    public void Decimal_round_trips_with_its_scale(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);

        var read = RealmValue.Create(value).AsDecimal();

        Assert.Equal(value, read);
        Assert.Equal(value.Scale, read.Scale);
    }

    [Fact]
    public void DateTimeOffset_round_trips_keeping_its_offset()
    {
        var value = new DateTimeOffset(2024, 9, 30, 23, 15, 1, 123, TimeSpan.FromHours(5.5));

        var read = RealmValue.Create(value).AsDate();

        Assert.Equal(value, read);
        Assert.Equal(TimeSpan.FromHours(5.5), read.Offset);
        Assert.Equal(value.Ticks, read.Ticks);
    }

    [Fact]
    public void Guid_ObjectId_string_and_bytes_round_trip()
    {
        var guid = Guid.NewGuid();
        var id = ObjectId.GenerateNewId();
        byte[] bytes = [1, 2, 3, 255];

        Assert.Equal(guid, RealmValue.Create(guid).AsGuid());
        Assert.Equal(id, RealmValue.Create(id).AsObjectId());
        Assert.Equal("héllo", RealmValue.Create("héllo").AsString());
        Assert.Equal(bytes, RealmValue.Create(bytes).AsData());
        Assert.Equal(RealmValueType.Guid, RealmValue.Create(guid).Type);
        Assert.Equal(RealmValueType.ObjectId, RealmValue.Create(id).Type);
        Assert.Equal(RealmValueType.Data, RealmValue.Create(bytes).Type);
    }

    [Fact]
    public void Object_holds_the_same_reference()
    {
        var target = new object();

        var v = RealmValue.CreateObject(target);

        Assert.Equal(RealmValueType.Object, v.Type);
        Assert.Same(target, v.AsObject());
    }

    [Fact]
    public void Null_references_and_empty_nullables_become_the_null_value()
    {
        Assert.True(RealmValue.Create((string?)null).IsNull);
        Assert.True(RealmValue.Create((byte[]?)null).IsNull);
        Assert.True(RealmValue.CreateObject(null).IsNull);
        Assert.True(((RealmValue)(int?)null).IsNull);
        Assert.True(((RealmValue)(ObjectId?)null).IsNull);
        Assert.True(default(RealmValue).IsNull);
        Assert.Equal(RealmValue.Null, default);
        Assert.Equal(5L, ((RealmValue)(long?)5).AsInt64());
    }

    [Fact]
    public void Equality_compares_type_and_content()
    {
        Assert.Equal(RealmValue.Create("a"), RealmValue.Create(new string('a', 1)));
        Assert.NotEqual(RealmValue.Create("a"), RealmValue.Create("A"));
        Assert.Equal(RealmValue.Create(new byte[] { 1, 2 }), RealmValue.Create(new byte[] { 1, 2 }));
        Assert.NotEqual(RealmValue.Create(new byte[] { 1, 2 }), RealmValue.Create(new byte[] { 2, 1 }));
        Assert.NotEqual(RealmValue.Create(1L), RealmValue.Create(1d));
        Assert.NotEqual(RealmValue.Create(1L), RealmValue.Create(true));
        Assert.True(RealmValue.Create(7L) == RealmValue.Create(7L));
        Assert.True(RealmValue.Create(7L) != RealmValue.Create(8L));
        Assert.Equal(RealmValue.Create(7L).GetHashCode(), RealmValue.Create(7L).GetHashCode());
    }

    [Fact]
    public void Decimals_with_different_scales_are_equal_and_hash_alike()
    {
        var a = RealmValue.Create(1.5m);
        var b = RealmValue.Create(1.50m);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Dates_are_equal_when_they_are_the_same_instant_in_different_offsets()
    {
        var utc = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

        var a = RealmValue.Create(utc);
        var b = RealmValue.Create(utc.ToOffset(TimeSpan.FromHours(-7)));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, RealmValue.Create(utc.AddTicks(1)));
    }

    [Fact]
    public void Objects_are_equal_only_by_reference()
    {
        var target = new object();

        Assert.Equal(RealmValue.CreateObject(target), RealmValue.CreateObject(target));
        Assert.NotEqual(RealmValue.CreateObject(target), RealmValue.CreateObject(new object()));
    }

    [Fact]
    public void ToString_is_invariant_and_unambiguous()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal("null", RealmValue.Null.ToString());
            Assert.Equal("-12", RealmValue.Create(-12L).ToString());
            Assert.Equal("true", RealmValue.Create(true).ToString());
            Assert.Equal("1.5", RealmValue.Create(1.5d).ToString());
            Assert.Equal("0.25", RealmValue.Create(0.25f).ToString());
            Assert.Equal("3.10", RealmValue.Create(3.10m).ToString());
            Assert.Equal("text", RealmValue.Create("text").ToString());
            Assert.Equal("AQID", RealmValue.Create(new byte[] { 1, 2, 3 }).ToString());
            Assert.Equal("2025-01-02T03:04:05.0000000+02:00",
                RealmValue.Create(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))).ToString());
            Assert.Equal("507f1f77bcf86cd799439011", RealmValue.Create(ObjectId.Parse("507f1f77bcf86cd799439011")).ToString());
            var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
            Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", RealmValue.Create(guid).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Reading_the_wrong_type_throws_InvalidCastException_naming_both_types()
    {
        var value = RealmValue.Create(42L);

        var error = Assert.Throws<InvalidCastException>(() => value.AsString());

        Assert.Contains("Int", error.Message, StringComparison.Ordinal);
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
        Assert.Contains("RealmValue.Type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_typed_reader_rejects_the_null_value()
    {
        var value = RealmValue.Null;

        Assert.Throws<InvalidCastException>(() => value.AsInt64());
        Assert.Throws<InvalidCastException>(() => value.AsBool());
        Assert.Throws<InvalidCastException>(() => value.AsFloat());
        Assert.Throws<InvalidCastException>(() => value.AsDouble());
        Assert.Throws<InvalidCastException>(() => value.AsDecimal());
        Assert.Throws<InvalidCastException>(() => value.AsDate());
        Assert.Throws<InvalidCastException>(() => value.AsGuid());
        Assert.Throws<InvalidCastException>(() => value.AsObjectId());
        Assert.Throws<InvalidCastException>(() => value.AsString());
        Assert.Throws<InvalidCastException>(() => value.AsData());
        Assert.Throws<InvalidCastException>(() => value.AsObject());
    }
}
