using System;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace SourceGenSync.Server.Hosting;

/// <summary>
/// Where settings come from, lowest precedence first: appsettings.json next to the server, the data folder's
/// appsettings.json, the file named by <c>--config</c>, environment variables (all, and <c>SGS_</c>-prefixed),
/// the command line. A JSON file is read after the folder it names is known, so the environment and command line
/// are added again on top to keep their precedence.
/// </summary>
internal static class ServerConfiguration
{
    public const string DefaultUrls = "http://127.0.0.1:5280";
    public const string EnvironmentPrefix = "SGS_";

    public static void AddSources(ConfigurationManager configuration, string[] args)
    {
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);
        var dataPath = DataPath(configuration);
        configuration.AddJsonFile(Path.GetFullPath(Path.Combine(dataPath, "appsettings.json")), optional: true, reloadOnChange: false);
        if (configuration["config"] is { Length: > 0 } file)
        {
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables();
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);
    }

    public static string DataPath(IConfiguration configuration) =>
        configuration["data"] is { Length: > 0 } data ? data
        : configuration[$"{SyncServerOptions.SectionName}:{nameof(SyncServerOptions.DataPath)}"] is { Length: > 0 } configured ? configured
        : new SyncServerOptions().DataPath;

    public static SyncServerOptions Options(IConfiguration configuration)
    {
        var options = new SyncServerOptions();
        configuration.GetSection(SyncServerOptions.SectionName).Bind(options);
        options.DataPath = Path.GetFullPath(DataPath(configuration));
        if (options.PasswordIterations < 1 || options.DownloadMessageBytes < 1 || options.MaxMessageSize < 1024 || options.MaxUploadsPerCommit < 1 || options.MaxChangesetsPerUpload < 1)
        {
            throw new InvalidOperationException("Server options out of range: PasswordIterations, DownloadMessageBytes, MaxUploadsPerCommit and MaxChangesetsPerUpload must be positive, MaxMessageSize at least 1024.");
        }

        return options;
    }

    /// <summary>True when any source named the URLs to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>urls</c>, Kestrel endpoints).</summary>
    public static bool HasUrls(IConfiguration configuration) =>
        configuration["urls"] is { Length: > 0 } || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
