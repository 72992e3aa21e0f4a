using System.Collections.Generic;

namespace SourceGenSync.Sync.Tests.Models;

/// <summary>The main synced model: scalars, a counter, collections of every kind, a link and an embedded object.</summary>
[RealmObject]
public partial class Item
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    public partial string Name { get; set; }

    public partial int Quantity { get; set; }

    public partial RealmInteger<long> Score { get; set; }

    public partial IList<string> Tags { get; }

    public partial ISet<int> Numbers { get; }

    public partial IDictionary<string, int> Counts { get; }

    public partial Owner? Owner { get; set; }

    public partial Address? Address { get; set; }
}

/// <summary>A string-keyed model that items link to.</summary>
[RealmObject]
public partial class Owner
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial string Id { get; set; }

    public partial string Name { get; set; }
}

/// <summary>Embedded in <see cref="Item"/>.</summary>
[EmbeddedObject]
public partial class Address
{
    public partial string Street { get; set; }

    public partial string? City { get; set; }
}

/// <summary>A long-keyed model carrying a payload, for transfers large enough to show progress.</summary>
[RealmObject]
public partial class Blob
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial long Id { get; set; }

    public partial byte[] Data { get; set; }
}
