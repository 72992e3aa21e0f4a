using System;
using System.Globalization;
using SourceGenSync.CrashWriter;

namespace SourceGenSync.Sync.Tests.Durability;

/// <summary>
/// Runs Tests/SourceGenSync.CrashWriter in its <c>sync</c> mode as a child process (<c>dotnet
/// SourceGenSync.CrashWriter.dll sync ...</c>) and collects the numbers it reports as committed (see
/// <see cref="WriterProcess"/>).
/// </summary>
internal sealed class SyncWriterProcess : WriterProcess
{
    private SyncWriterProcess(string[] arguments)
        : base("sync crash writer", arguments)
    {
    }

    /// <summary>Starts the writer on <paramref name="baseFilePath"/> (its App's folder) against <paramref name="server"/>;
    /// every <paramref name="bulkEvery"/>-th transaction commits <paramref name="bulkSize"/> records at once.</summary>
    public static SyncWriterProcess Start(Uri server, string baseFilePath, string email, string password, int bulkEvery, int bulkSize) =>
        new([
            "sync", server.ToString(), baseFilePath, email, password,
            "--bulk-every", bulkEvery.ToString(CultureInfo.InvariantCulture),
            "--bulk-size", bulkSize.ToString(CultureInfo.InvariantCulture),
        ]);
}
