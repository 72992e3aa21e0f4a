using System.Collections.Generic;
using SourceGenSync;

namespace SchemaSample.Models;

/// <summary>A top-level object with an embedded address, a list of links, a set and a dictionary.</summary>
[RealmObject]
public partial class Project
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial ObjectId Id { get; set; }

    [Indexed]
    public partial string Name { get; set; }

    /// <summary>An embedded object: owned by this project and deleted with it.</summary>
    public partial Address? Office { get; set; }

    /// <summary>A list of links to other top-level objects.</summary>
    public partial IList<TaskItem> Tasks { get; }

    public partial ISet<string> Tags { get; }

    public partial IDictionary<string, string> Settings { get; }
}
