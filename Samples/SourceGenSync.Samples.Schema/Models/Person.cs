using System.Linq;
using SourceGenSync;

namespace SchemaSample.Models;

/// <summary>A person keyed by e-mail, with a backlink to the tasks assigned to them.</summary>
[RealmObject]
public partial class Person
{
    [PrimaryKey]
    public partial string Email { get; set; }

    [MapTo("name")]
    public partial string Name { get; set; }

    public partial byte[]? Avatar { get; set; }

    /// <summary>Every task whose Assignee is this person (computed, never stored).</summary>
    [Backlink(nameof(TaskItem.Assignee))]
    public partial IQueryable<TaskItem> AssignedTasks { get; }
}
