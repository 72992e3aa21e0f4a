using System;
using System.Collections.Generic;
using System.Linq;

namespace SourceGenSync.Runtime.Tests.Models;

/// <summary>A Guid-keyed project with a full-text index, an embedded address and object collections.</summary>
[RealmObject]
[MapTo("project_v2")]
public partial class Project
{
    [PrimaryKey]
    public partial Guid Id { get; set; }

    [MapTo("name")]
    public partial string Name { get; set; }

    [Indexed(IndexType.FullText)]
    public partial string Description { get; set; }

    public partial Address? Office { get; set; }

    public partial IList<TodoItem> Items { get; }

    public partial ISet<TodoItem> Starred { get; }

    public partial IDictionary<string, TodoItem?> ByKey { get; }

    public partial IList<Address> Branches { get; }

    [Backlink(nameof(TodoItem.Project))]
    public partial IQueryable<TodoItem> Todos { get; }
}

/// <summary>A comment keyed by a long, linking to its item (the origin of TodoItem.Comments).</summary>
[RealmObject]
public partial class Comment
{
    [PrimaryKey]
    public partial long Id { get; set; }

    public partial string Text { get; set; }

    [MapTo("item")]
    public partial TodoItem? Item { get; set; }
}

[EmbeddedObject]
public partial class Address
{
    public partial string Street { get; set; }

    public partial string? City { get; set; }
}

[AsymmetricObject]
public partial class AuditEvent
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    public partial string Message { get; set; }

    public partial DateTimeOffset At { get; set; }
}
