using System.Globalization;
using SourceGenSync.Sync;

namespace SourceGenSync.CrashWriter;

/// <summary>One numbered object of the <c>sync</c> mode; a transaction adds one, or thousands in a bulk commit.</summary>
[RealmObject]
public partial class SyncedRecord
{
    [PrimaryKey]
    public partial long Number { get; set; }

    public partial string Payload { get; set; }
}

/// <summary>
/// Counts what the <c>sync</c> mode committed, with counters: a counter increment is not idempotent, so a changeset
/// uploaded (and integrated) twice would show up as a count above the number of records.
/// </summary>
[RealmObject]
public partial class SyncedTally
{
    /// <summary>The primary key of the one tally object.</summary>
    public const string SingletonId = "tally";

    [PrimaryKey]
    public partial string Id { get; set; }

    /// <summary>Incremented by one in every transaction.</summary>
    public partial RealmInteger<long> Transactions { get; set; }

    /// <summary>Incremented by the number of records each transaction adds.</summary>
    public partial RealmInteger<long> Records { get; set; }

    /// <summary>Incremented by one in every transaction of the writer, and by other devices that touch this object:
    /// concurrent increments from several devices, merged.</summary>
    public partial RealmInteger<long> Touches { get; set; }

    /// <summary>The highest number committed so far (a plain field: set, not merged).</summary>
    public partial long Last { get; set; }
}

/// <summary>What the <c>sync</c> mode stores, shared with the tests that open the same realm after killing it.</summary>
public static class CrashSyncSchema
{
    /// <summary>Characters of payload per record: a bulk commit of a few thousand records is several MiB, more than
    /// one upload part (1 MiB), so killing the writer after one can catch its upload part-way.</summary>
    public const int PayloadLength = 800;

    /// <summary>The configuration the writer and the checking devices open the synced realm with (default path in
    /// the user's folder, server realm "default").</summary>
    public static SyncConfiguration Configuration(User user, SessionErrorCallback? onSessionError = null) => new(user)
    {
        Schema = [SyncedRecord.Schema, SyncedTally.Schema],
        OnSessionError = onSessionError,
    };

    /// <summary>The payload stored with <paramref name="number"/>.</summary>
    public static string PayloadFor(long number)
    {
        var prefix = "record " + number.ToString(CultureInfo.InvariantCulture) + " ";
        return prefix + new string((char)('a' + (number % 26)), PayloadLength - prefix.Length);
    }
}
