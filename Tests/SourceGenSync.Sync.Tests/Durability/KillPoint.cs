namespace SourceGenSync.Sync.Tests.Durability;

/// <summary>When the test kills the sync crash writer in one of its lifetimes.</summary>
public enum KillPoint
{
    /// <summary>Right after its first commit was reported: usually before its session has even bound, so the file
    /// may not know its client file ident yet.</summary>
    FirstCommit,

    /// <summary>After a random 2–49 commits and once the server has integrated an upload of this lifetime (the app
    /// keeps committing single records, and a bulk every 50th transaction, faster than it uploads): the kill lands
    /// while uploads are in flight.</summary>
    SmallCommits,

    /// <summary>After a bulk commit (about 1.7 MB, two upload parts) was reported and once the server has integrated
    /// an upload of this lifetime: the kill lands while the backlog, bulk parts included, is being uploaded (in some
    /// runs between the two parts of one bulk changeset).</summary>
    JustAfterBulkCommit,

    /// <summary>After a random number of reported records anywhere in the first two bulk cycles.</summary>
    Anywhere,

    /// <summary>After a bulk commit and an upload of this lifetime integrated: once the app is sending its next
    /// upload, the server's messages to it are cut (see <see cref="AckDroppingProxy"/>) and the kill waits until the
    /// server has integrated that upload, whose acknowledgement the app never receives. The restarted app must not
    /// upload it again (or the server must recognise it): each changeset integrated once.</summary>
    AckLost,

    /// <summary>The server is down for the whole lifetime (the app restarts offline with its cached user and commits
    /// small and bulk transactions locally), killed after a random number of records; the server comes back after.</summary>
    WhileServerIsDown,
}
