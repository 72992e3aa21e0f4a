using SourceGenSync;

namespace SyncDemo.Models;

/// <summary>
/// The flexible-sync stage's object: owned by one user (<see cref="OwnerId"/>, a user id) and readable by others
/// only when <see cref="IsPublic"/>. The sync server's rules read these two properties (owner-only writes,
/// owner-or-public reads), and subscriptions select by <see cref="Priority"/>.
/// </summary>
[RealmObject]
public partial class Note
{
    [PrimaryKey]
    [MapTo("_id")]
    public partial string Id { get; set; }

    public partial string OwnerId { get; set; }

    public partial bool IsPublic { get; set; }

    public partial int Priority { get; set; }

    public partial string Title { get; set; }
}
