namespace SourceGenSync.CrashWriter;

/// <summary>One row per committed transaction: the transaction's counter and a payload derived from it.</summary>
[RealmObject]
public partial class CrashRecord
{
    [PrimaryKey]
    public partial long Counter { get; set; }

    public partial string Payload { get; set; }
}

/// <summary>A single object updated by every transaction (so the change log also holds SetField on an existing object).</summary>
[RealmObject]
public partial class CrashProgress
{
    /// <summary>The primary key of the one progress object.</summary>
    public const string SingletonId = "progress";

    [PrimaryKey]
    public partial string Id { get; set; }

    public partial long Last { get; set; }

    public partial long Commits { get; set; }
}

/// <summary>What the writer stores, shared with the test that checks the file it leaves.</summary>
public static class CrashSchema
{
    /// <summary>The configuration both the writer and the checking test open the realm with.</summary>
    public static RealmConfiguration Configuration(string path) => new(path)
    {
        Schema = [CrashRecord.Schema, CrashProgress.Schema],
    };

    /// <summary>The payload stored with <paramref name="counter"/> (long enough to span several SQLite pages over a run).</summary>
    public static string PayloadFor(long counter) => "commit " + counter.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + new string('x', 200);
}
