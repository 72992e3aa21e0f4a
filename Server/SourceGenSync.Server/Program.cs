namespace SourceGenSync.Server;

/// <summary>Entry point: <c>dotnet run --project Server/SourceGenSync.Server -- --urls ... --data ...</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        _ = args;
        return 0;
    }
}
