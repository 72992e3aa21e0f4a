using System;
using System.Collections.Generic;

namespace SourceGenSync.Runtime.Tests.Models;

public enum Color : byte
{
    Red = 1,
    Green = 2,
    Blue = 200,
}

/// <summary>One property of every supported scalar type, nullable variants, counters and primitive collections.</summary>
[RealmObject]
[DateTimeKindPolicy(DateTimeKindPolicy.PreserveKind)]
public partial class AllTypes
{
    [PrimaryKey]
    public partial string Key { get; set; }

    public partial bool Flag { get; set; }

    public partial byte Byte { get; set; }

    public partial short Short { get; set; }

    public partial int Int { get; set; }

    public partial long Long { get; set; }

    public partial float Float { get; set; }

    public partial double Double { get; set; }

    public partial decimal Decimal { get; set; }

    public partial string Text { get; set; }

    public partial string? OptionalText { get; set; }

    public partial byte[] Data { get; set; }

    public partial byte[]? OptionalData { get; set; }

    public partial DateTimeOffset Date { get; set; }

    public partial DateTime Timestamp { get; set; }

    public partial Guid Guid { get; set; }

    public partial ObjectId ObjectId { get; set; }

    public partial Color Color { get; set; }

    public partial RealmValue Mixed { get; set; }

    public partial bool? OptionalFlag { get; set; }

    public partial int? OptionalInt { get; set; }

    public partial long? OptionalLong { get; set; }

    public partial double? OptionalDouble { get; set; }

    public partial decimal? OptionalDecimal { get; set; }

    public partial DateTimeOffset? OptionalDate { get; set; }

    public partial Guid? OptionalGuid { get; set; }

    public partial ObjectId? OptionalObjectId { get; set; }

    public partial Color? OptionalColor { get; set; }

    public partial RealmInteger<int> IntCounter { get; set; }

    public partial RealmInteger<long> LongCounter { get; set; }

    public partial IList<int> Numbers { get; }

    public partial IList<string?> MaybeStrings { get; }

    public partial ISet<Guid> Guids { get; }

    public partial IDictionary<string, double> Scores { get; }

    public partial IDictionary<string, RealmValue> Attributes { get; }
}
