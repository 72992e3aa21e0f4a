using System;
using System.Collections.Generic;
using SourceGenSync.Runtime.Tests.Models;

namespace SourceGenSync.Runtime.Tests.Database;

/// <summary>Every property type keeps its exact value through a commit, a close and a reopen of the file.</summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly TempRealm _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> MixedKinds => new(MixedValues.Keys);

    private static Dictionary<string, RealmValue> MixedValues { get; } = new()
    {
        ["null"] = RealmValue.Null,
        ["int"] = long.MinValue,
        ["bool"] = true,
        ["string"] = "héllo \u0000 wörld 🌍",
        ["data"] = new byte[] { 0, 1, 2, 255 },
        ["date"] = new DateTimeOffset(2030, 5, 6, 7, 8, 9, 123, TimeSpan.Zero),
        ["float"] = 3.25f,
        ["double"] = -1.5e300,
        ["decimal"] = 12345678901234567890.123456789m,
        ["objectid"] = new ObjectId("5f2a1b3c4d5e6f7a8b9c0d1e"),
        ["guid"] = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
    };

    private AllTypes Reopened(Action<AllTypes> fill)
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            var obj = new AllTypes { Key = "k" };
            fill(obj);
            realm.Write(() => realm.Add(obj));
        }

        return _temp.Open().Find<AllTypes>("k")!;
    }

    [Fact]
    public void Every_scalar_property_reads_back_exactly_after_reopening()
    {
        var id = ObjectId.GenerateNewId();
        var guid = Guid.NewGuid();
        var read = Reopened(o =>
        {
            o.Flag = true;
            o.Byte = byte.MaxValue;
            o.Short = short.MinValue;
            o.Int = int.MinValue;
            o.Long = long.MaxValue;
            o.Float = float.MaxValue;
            o.Double = double.Epsilon;
            o.Decimal = decimal.MaxValue;
            o.Text = "Ünïcødé ✓ \"quoted\" 'single'";
            o.Data = [1, 2, 3, 0, 255];
            o.Guid = guid;
            o.ObjectId = id;
            o.Color = Color.Blue;
            o.IntCounter = 41;
            o.LongCounter = long.MinValue;
        });

        Assert.True(read.Flag);
        Assert.Equal(byte.MaxValue, read.Byte);
        Assert.Equal(short.MinValue, read.Short);
        Assert.Equal(int.MinValue, read.Int);
        Assert.Equal(long.MaxValue, read.Long);
        Assert.Equal(float.MaxValue, read.Float);
        Assert.Equal(double.Epsilon, read.Double);
        Assert.Equal(decimal.MaxValue, read.Decimal);
        Assert.Equal("Ünïcødé ✓ \"quoted\" 'single'", read.Text);
        Assert.Equal(new byte[] { 1, 2, 3, 0, 255 }, read.Data);
        Assert.Equal(guid, read.Guid);
        Assert.Equal(id, read.ObjectId);
        Assert.Equal(Color.Blue, read.Color);
        Assert.Equal(41, read.IntCounter.Value);
        Assert.Equal(long.MinValue, read.LongCounter.Value);
    }

    [Fact]
    public void Nullable_properties_keep_null_and_non_null_values()
    {
        var nulls = Reopened(_ => { });

        Assert.Null(nulls.OptionalText);
        Assert.Null(nulls.OptionalData);
        Assert.Null(nulls.OptionalFlag);
        Assert.Null(nulls.OptionalInt);
        Assert.Null(nulls.OptionalLong);
        Assert.Null(nulls.OptionalDouble);
        Assert.Null(nulls.OptionalDecimal);
        Assert.Null(nulls.OptionalDate);
        Assert.Null(nulls.OptionalGuid);
        Assert.Null(nulls.OptionalObjectId);
        Assert.Null(nulls.OptionalColor);
        Assert.True(nulls.Mixed.IsNull);
        Assert.Equal("", nulls.Text);
        Assert.Empty(nulls.Data);
    }

    [Fact]
    public void Nullable_properties_with_values_read_back_including_falsy_values()
    {
        var date = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromHours(-7));
        var read = Reopened(o =>
        {
            o.OptionalText = "";
            o.OptionalData = [];
            o.OptionalFlag = false;
            o.OptionalInt = 0;
            o.OptionalLong = -1;
            o.OptionalDouble = 0.0;
            o.OptionalDecimal = 0m;
            o.OptionalDate = date;
            o.OptionalGuid = Guid.Empty;
            o.OptionalObjectId = ObjectId.Empty;
            o.OptionalColor = Color.Red;
        });

        Assert.Equal("", read.OptionalText);
        Assert.Equal(Array.Empty<byte>(), read.OptionalData);
        Assert.False(read.OptionalFlag);
        Assert.Equal(0, read.OptionalInt);
        Assert.Equal(-1L, read.OptionalLong);
        Assert.Equal(0.0, read.OptionalDouble);
        Assert.Equal(0m, read.OptionalDecimal);
        Assert.Equal(date, read.OptionalDate);
        Assert.Equal(date.Offset, read.OptionalDate!.Value.Offset);
        Assert.Equal(Guid.Empty, read.OptionalGuid);
        Assert.Equal(ObjectId.Empty, read.OptionalObjectId);
        Assert.Equal(Color.Red, read.OptionalColor);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(345)]
    [InlineData(-570)]
    [InlineData(14 * 60)]
    public void DateTimeOffset_keeps_its_instant_and_its_offset(int offsetMinutes)
    {
        var value = new DateTimeOffset(2024, 2, 29, 12, 34, 56, 789, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(1234);

        var read = Reopened(o => o.Date = value);

        Assert.Equal(value.UtcTicks, read.Date.UtcTicks);
        Assert.Equal(value.Offset, read.Date.Offset);
        Assert.Equal(value.DateTime, read.Date.DateTime);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void DateTime_with_PreserveKind_reads_back_the_same_ticks_and_kind(DateTimeKind kind)
    {
        var value = new DateTime(2021, 7, 4, 1, 2, 3, kind).AddTicks(7);

        var read = Reopened(o => o.Timestamp = value);

        Assert.Equal(value.Ticks, read.Timestamp.Ticks);
        Assert.Equal(kind, read.Timestamp.Kind);
    }

    [Fact]
    public void DateTime_with_ConvertToUtc_stores_local_times_as_utc_and_unspecified_as_utc()
    {
        var local = new DateTime(2022, 1, 15, 10, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2022, 1, 15, 10, 0, 0, DateTimeKind.Unspecified);
        using (var realm = Realm.Open(_temp.Config))
        {
            realm.Write(() =>
            {
                realm.Add(new DbNode { Name = "local", When = local });
                realm.Add(new DbNode { Name = "unspecified", When = unspecified });
            });
        }

        using var reopened = _temp.Open();
        var readLocal = reopened.Find<DbNode>("local")!.When;
        var readUnspecified = reopened.Find<DbNode>("unspecified")!.When;

        Assert.Equal(DateTimeKind.Utc, readLocal.Kind);
        Assert.Equal(local.ToUniversalTime(), readLocal);
        Assert.Equal(DateTimeKind.Utc, readUnspecified.Kind);
        Assert.Equal(unspecified.Ticks, readUnspecified.Ticks);
    }

    [Fact]
    public void DateTime_with_ConvertToUtc_reads_as_utc_on_the_live_object_that_was_written()
    {
        var local = new DateTime(2022, 1, 15, 10, 0, 0, DateTimeKind.Local);
        using var realm = _temp.Open();
        var added = realm.Write(() => realm.Add(new DbNode { Name = "n", When = local }));
        var fromFile = _temp.Open().Find<DbNode>("n")!.When;
        var afterAdd = added.When;

        realm.Write(() => added.When = local.AddHours(1));

        Assert.Equal(DateTimeKind.Utc, fromFile.Kind);
        Assert.Equal(fromFile, afterAdd);
        Assert.Equal(DateTimeKind.Utc, afterAdd.Kind);
        Assert.Equal(DateTimeKind.Utc, added.When.Kind);
        Assert.Equal(local.AddHours(1).ToUniversalTime(), added.When);
    }

    [Fact]
    public void An_unset_ConvertToUtc_DateTime_reads_the_same_on_the_added_object_as_from_the_file()
    {
        var realm = _temp.Open();
        var added = realm.Write(() => realm.Add(new DbNode { Name = "n" }));

        var fromFile = _temp.Open().Find<DbNode>("n")!.When;

        Assert.Equal(DateTimeKind.Utc, fromFile.Kind);
        Assert.Equal(fromFile.Ticks, added.When.Ticks);
        Assert.Equal(fromFile.Kind, added.When.Kind);
    }

    [Theory]
    [InlineData("1.10")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("3.1415926535897932384626433833")]
    public void Decimal_keeps_every_digit_and_its_scale(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var read = Reopened(o => o.Decimal = value);

        Assert.Equal(value, read.Decimal);
        Assert.Equal(text, read.Decimal.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Double_special_values_read_back(double value)
    {
        var read = Reopened(o =>
        {
            o.Double = value;
            o.Float = (float)value;
            o.OptionalDouble = value;
        });

        Assert.Equal(value, read.Double);
        Assert.Equal((float)value, read.Float);
        Assert.Equal(value, read.OptionalDouble);
    }

    [Theory]
    [MemberData(nameof(MixedKinds))]
    public void RealmValue_of_each_type_reads_back_with_its_type_and_value(string kind)
    {
        var value = MixedValues[kind];

        var read = Reopened(o => o.Mixed = value);

        Assert.Equal(value.Type, read.Mixed.Type);
        Assert.Equal(value, read.Mixed);
        if (value.Type == RealmValueType.Date)
        {
            Assert.Equal(value.AsDate().UtcTicks, read.Mixed.AsDate().UtcTicks);
        }
    }

    [Fact]
    public void Values_changed_on_a_managed_object_persist_across_reopen()
    {
        using (var realm = Realm.Open(_temp.Config))
        {
            var obj = realm.Write(() => realm.Add(new AllTypes { Key = "k", Int = 1, Mixed = 1 }));
            realm.Write(() =>
            {
                obj.Int = 2;
                obj.Mixed = "now a string";
                obj.OptionalColor = Color.Green;
                obj.OptionalText = "x";
            });
            realm.Write(() => obj.OptionalText = null);
        }

        var read = _temp.Open().Find<AllTypes>("k")!;

        Assert.Equal(2, read.Int);
        Assert.Equal("now a string", read.Mixed.AsString());
        Assert.Equal(Color.Green, read.OptionalColor);
        Assert.Null(read.OptionalText);
    }
}
