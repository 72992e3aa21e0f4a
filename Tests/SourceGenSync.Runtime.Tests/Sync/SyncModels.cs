using System.Collections.Generic;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>A top-level object with every kind of field a sync instruction can address.</summary>
[RealmObject]
public partial class SyncItem
{
    [PrimaryKey]
    public partial string Id { get; set; }

    public partial string Name { get; set; }

    public partial int Count { get; set; }

    public partial double? Score { get; set; }

    public partial RealmInteger<long> Hits { get; set; }

    public partial SyncItem? Next { get; set; }

    public partial SyncAddress? Home { get; set; }

    public partial IList<SyncAddress> Addresses { get; }

    public partial IDictionary<string, SyncAddress?> Places { get; }

    public partial IList<SyncItem> Related { get; }

    public partial ISet<SyncItem> Friends { get; }

    public partial IDictionary<string, SyncItem?> Named { get; }

    public partial IList<string> Tags { get; }

    public partial ISet<int> Numbers { get; }

    public partial IDictionary<string, RealmValue> Props { get; }
}

/// <summary>An embedded object with a nested embedded object, a collection and a link.</summary>
[EmbeddedObject]
public partial class SyncAddress
{
    public partial string City { get; set; }

    public partial SyncGeo? Geo { get; set; }

    public partial IList<string> Lines { get; }

    public partial SyncItem? Contact { get; set; }
}

[EmbeddedObject]
public partial class SyncGeo
{
    public partial double Lat { get; set; }

    public partial double Lon { get; set; }
}

/// <summary>An object with an ObjectId primary key and full-text and general indexes (the triggers must keep up).</summary>
[RealmObject]
public partial class SyncNote
{
    [PrimaryKey]
    public partial ObjectId Id { get; set; }

    [Indexed(IndexType.FullText)]
    public partial string Body { get; set; }

    [Indexed]
    public partial int Rank { get; set; }
}
