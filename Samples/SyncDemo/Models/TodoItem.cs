using SourceGenSync;

namespace SyncDemo.Models;

/// <summary>
/// The demo's synced object. Synced classes need a primary key: it is how both devices and the server name the
/// same object. <see cref="Views"/> is a counter, so increments made on two devices add up instead of one
/// overwriting the other; every other field merges last-writer-wins (docs/merge-rules.md).
/// </summary>
[RealmObject]
public partial class TodoItem
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial string Id { get; set; }

    public partial string Title { get; set; }

    public partial string Status { get; set; }

    public partial long Priority { get; set; }

    public partial RealmInteger<long> Views { get; set; }
}
