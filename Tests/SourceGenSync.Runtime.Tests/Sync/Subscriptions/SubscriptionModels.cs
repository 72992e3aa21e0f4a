using System.Collections.Generic;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>The class most subscription tests subscribe to; stored as <c>Task</c> with lower-case property names.</summary>
[RealmObject]
[MapTo("Task")]
public partial class SubTask
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    [MapTo("title")]
    public partial string Title { get; set; }

    [MapTo("priority")]
    public partial int Priority { get; set; }

    [MapTo("done")]
    public partial bool Done { get; set; }

    [MapTo("owner")]
    public partial string? Owner { get; set; }

    [MapTo("tags")]
    public partial IList<string> Tags { get; }
}

/// <summary>A second class, for per-class removal.</summary>
[RealmObject]
public partial class SubPerson
{
    [PrimaryKey]
    public partial string Name { get; set; }

    public partial int Age { get; set; }
}
