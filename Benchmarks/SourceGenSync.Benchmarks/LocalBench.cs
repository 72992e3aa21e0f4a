using System;
using System.IO;
using SourceGenSync.Benchmarks.Models;

namespace SourceGenSync.Benchmarks;

/// <summary>Inputs shared by the local-database measurements: generated keys and names, made before any timing.</summary>
internal sealed class LocalData
{
    public LocalData(int count, int seed = 42)
    {
        Count = count;
        Ids = new ObjectId[count];
        Names = new string[count];
        for (var i = 0; i < count; i++)
        {
            Ids[i] = ObjectId.GenerateNewId();
            Names[i] = "item " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Random = new Random(seed);
    }

    public int Count { get; }

    public ObjectId[] Ids { get; }

    public string[] Names { get; }

    public Random Random { get; }

    /// <summary>The unmanaged object for input <paramref name="i"/> (what a user's code would build).</summary>
    public BenchItem Item(int i) => new()
    {
        Id = Ids[i],
        Name = Names[i],
        Quantity = i,
        Price = i * 0.25,
        IsActive = (i & 1) == 0,
    };

    /// <summary>The keys in a fresh random order (each once), so every lookup of a cold realm misses its identity map.</summary>
    public ObjectId[] ShuffledIds()
    {
        var ids = (ObjectId[])Ids.Clone();
        Random.Shuffle(ids);
        return ids;
    }

    public static RealmConfiguration Config(string path) => new(path) { Schema = [BenchItem.Schema] };
}

/// <summary>A temporary folder for realm files, deleted (with everything in it) on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    private int _next;

    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sgs-bench-" + Guid.NewGuid().ToString("N"));

    /// <summary>A new file name in the folder (nothing is created).</summary>
    public string NewFile(string stem) => System.IO.Path.Combine(Path, stem + "-" + _next++.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"warning: could not delete {Path}: {e.Message}");
        }
    }
}
