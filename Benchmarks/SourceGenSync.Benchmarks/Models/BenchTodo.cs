using System;

namespace SourceGenSync.Benchmarks.Models;

/// <summary>A model compiled by this project's own generator run, for the query-building benchmarks.</summary>
[RealmObject]
public partial class BenchTodo
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    [MapTo("title")]
    public partial string Title { get; set; }

    [MapTo("priority")]
    public partial int Priority { get; set; }

    [MapTo("dueAt")]
    public partial DateTimeOffset? DueAt { get; set; }

    [MapTo("owner")]
    public partial BenchOwner? Owner { get; set; }
}

[RealmObject]
public partial class BenchOwner
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    [MapTo("name")]
    public partial string Name { get; set; }
}
