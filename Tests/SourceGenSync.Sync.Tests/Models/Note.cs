using System.Collections.Generic;

namespace SourceGenSync.Sync.Tests.Models;

/// <summary>The flexible-sync model: owned by a user, optionally public, shared with other users' ids.</summary>
[RealmObject]
public partial class Note
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial string Id { get; set; }

    public partial string OwnerId { get; set; }

    public partial bool IsPublic { get; set; }

    public partial int Priority { get; set; }

    public partial string? Title { get; set; }

    public partial double Score { get; set; }

    public partial IList<string> SharedWith { get; }
}
