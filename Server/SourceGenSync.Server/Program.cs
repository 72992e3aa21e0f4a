using System;
using System.IO;
using System.Threading.Tasks;
using SourceGenSync.Server.Hosting;

namespace SourceGenSync.Server;

/// <summary>
/// Entry point: <c>dotnet run --project Server/SourceGenSync.Server -- --urls http://127.0.0.1:5280 --data ./sgs-data</c>
/// (those are the defaults). docs/server.md lists every option.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = await SyncServerHost.BuildAsync(args).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException or InvalidDataException or FormatException)
        {
            // Configuration mistakes: say what is wrong without a stack trace.
            await Console.Error.WriteLineAsync("sourcegensync-server: " + exception.Message).ConfigureAwait(false);
            return 1;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
