using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace SourceGenSync.Testing;

/// <summary>Thrown when a text differs from its verified golden file (or none exists yet).</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);

/// <summary>
/// Golden files: <c>{name}.verified.cs</c> beside the calling test's source file. On a mismatch the actual text
/// goes to <c>{name}.received.cs</c> (git-ignored) and the test fails with a diff; review it, then accept by
/// copying the received file over the verified one or by running the tests with <c>SGS_ACCEPT_SNAPSHOTS=1</c>.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "SGS_ACCEPT_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> with <c>{name}.verified.cs</c> in the caller's folder.</summary>
    public static void Verify(string actual, string name, [CallerFilePath] string callerFilePath = "")
    {
        var directory = Path.GetDirectoryName(callerFilePath);
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"Cannot locate the test's source folder from '{callerFilePath}': golden files live beside the test sources (is the build path-mapped?).");
        }

        Verify(actual, Path.Combine(directory, name + ".verified.cs"), Path.Combine(directory, name + ".received.cs"), IsAccepting());
    }

    /// <summary>The comparison itself, with explicit paths (testable without touching the caller's folder).</summary>
    public static void Verify(string actual, string verifiedPath, string receivedPath, bool accept)
    {
        var normalized = Normalize(actual);
        if (accept)
        {
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, normalized);
            throw new SnapshotMismatchException(
                $"No verified snapshot '{Path.GetFileName(verifiedPath)}' yet. Review '{receivedPath}' and accept it " +
                $"(rename it to .verified.cs, or run with {AcceptVariable}=1).");
        }

        var expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        throw new SnapshotMismatchException(
            $"'{Path.GetFileName(verifiedPath)}' differs from the generated text (written to '{receivedPath}'). " +
            $"Accept with {AcceptVariable}=1 if the change is intended.\n" + TextDiff.Summarize(expected, normalized));
    }

    private static bool IsAccepting() => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
