using System;
using System.IO;
using System.Threading;

namespace SourceGenSync.Sync.Tests.Infrastructure;

/// <summary>A fresh temporary folder (use it as <c>AppConfiguration.BaseFilePath</c>), deleted on dispose.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sgs-sync-client-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => DeleteWithRetry(Path);

    /// <summary>Deletes a folder tree; SQLite pools are cleared first and a file still held by a closing
    /// connection gets a few more tries (cleanup must not fail a test that passed).</summary>
    public static void DeleteWithRetry(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }
}
