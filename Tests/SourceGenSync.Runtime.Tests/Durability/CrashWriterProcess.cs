using SourceGenSync.CrashWriter;

namespace SourceGenSync.Runtime.Tests.Durability;

/// <summary>
/// Runs Tests/SourceGenSync.CrashWriter as a child process (<c>dotnet SourceGenSync.CrashWriter.dll path</c>) and
/// collects the counters it reports as committed (see <see cref="WriterProcess"/>).
/// </summary>
internal sealed class CrashWriterProcess : WriterProcess
{
    private CrashWriterProcess(string realmPath)
        : base("crash writer", [realmPath, "--max", "100000"])
    {
    }

    public static CrashWriterProcess Start(string realmPath) => new(realmPath);
}
