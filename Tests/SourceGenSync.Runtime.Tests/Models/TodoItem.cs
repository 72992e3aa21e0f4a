using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Models;

/// <summary>The DESIGN example, with stored names in the lower-case style a server schema would use.</summary>
[RealmObject]
public partial class TodoItem
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    [MapTo("title")]
    public partial string Title { get; set; }

    [Indexed]
    [MapTo("ownerId")]
    public partial string OwnerId { get; set; }

    [MapTo("priority")]
    public partial int Priority { get; set; }

    [MapTo("isDone")]
    public partial bool IsDone { get; set; }

    [MapTo("dueAt")]
    public partial DateTimeOffset? DueAt { get; set; }

    [MapTo("project")]
    public partial Project? Project { get; set; }

    [MapTo("tags")]
    public partial IList<string> Tags { get; }

    [MapTo("counts")]
    public partial IDictionary<string, int> Counts { get; }

    [MapTo("views")]
    public partial RealmInteger<long> Views { get; set; }

    [Backlink(nameof(Comment.Item))]
    public partial IQueryable<Comment> Comments { get; }

    /// <summary>Not stored, but still an implemented partial property.</summary>
    [Ignored]
    public partial string? Draft { get; set; }
}
