using System;
using System.Collections.Generic;

namespace SourceGenSync.Sync.Tests.Flexible;

/// <summary>
/// One property of every type a subscription or permission rule may query (nullable and not), plus scalar lists and
/// sets: the model <see cref="QueryEquivalenceTests"/> writes locally and evaluates on both sides.
/// </summary>
[RealmObject]
public partial class QueryTarget
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial long Id { get; set; }

    public partial bool Flag { get; set; }

    public partial bool? MaybeFlag { get; set; }

    public partial int Int { get; set; }

    public partial long? MaybeLong { get; set; }

    public partial RealmInteger<long> Counter { get; set; }

    public partial float Float { get; set; }

    public partial float? MaybeFloat { get; set; }

    public partial double Double { get; set; }

    public partial double? MaybeDouble { get; set; }

    public partial decimal Decimal { get; set; }

    public partial decimal? MaybeDecimal { get; set; }

    public partial string Text { get; set; }

    public partial string? MaybeText { get; set; }

    public partial byte[]? MaybeData { get; set; }

    public partial DateTimeOffset Date { get; set; }

    public partial DateTimeOffset? MaybeDate { get; set; }

    public partial DateTime Timestamp { get; set; }

    public partial Guid Guid { get; set; }

    public partial Guid? MaybeGuid { get; set; }

    public partial ObjectId ObjectId { get; set; }

    public partial ObjectId? MaybeObjectId { get; set; }

    public partial IList<string> Tags { get; }

    public partial IList<string?> MaybeTags { get; }

    public partial ISet<long> Numbers { get; }

    public partial IList<double> Doubles { get; }

    public partial ISet<decimal> Decimals { get; }

    public partial IList<DateTimeOffset> Dates { get; }

    public partial ISet<Guid> Guids { get; }

    public partial IList<byte[]> Blobs { get; }
}
