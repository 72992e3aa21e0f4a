using System;
using System.Collections.Generic;
using SourceGenSync;

namespace SchemaSample.Models;

public enum TaskState
{
    Open,
    InProgress,
    Done,
}

/// <summary>A task: scalars of several types, an enum, a to-one link, embedded notes and a counter.</summary>
[RealmObject]
[MapTo("task")]
public partial class TaskItem
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    [MapTo("title")]
    [Indexed(IndexType.FullText)]
    public partial string Title { get; set; }

    [MapTo("priority")]
    public partial int Priority { get; set; }

    public partial TaskState State { get; set; }

    public partial DateTimeOffset? DueAt { get; set; }

    [MapTo("assignee")]
    public partial Person? Assignee { get; set; }

    /// <summary>A list of embedded objects.</summary>
    public partial IList<Note> Notes { get; }

    /// <summary>A counter: increments made on several devices all count.</summary>
    public partial RealmInteger<int> Views { get; set; }

    /// <summary>Not stored: lives only in memory.</summary>
    [Ignored]
    public partial bool IsSelected { get; set; }
}
