using System;
using System.IO;
using System.Net.Http;

namespace SourceGenSync.Sync;

/// <summary>How an <see cref="App"/> reaches its sync server and where it keeps its files.</summary>
public sealed class AppConfiguration
{
    /// <summary>Creates a configuration for the server at <paramref name="baseUri"/> (<c>http://</c> or <c>https://</c>).</summary>
    public AppConfiguration(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The server address '{baseUri}' must be an absolute http:// or https:// URI.", nameof(baseUri));
        }

        BaseUri = baseUri;
        BaseFilePath = Directory.GetCurrentDirectory();
    }

    /// <summary>The sync server's base address.</summary>
    public Uri BaseUri { get; }

    /// <summary>The folder under which the app keeps its user cache (<c>sourcegensync-metadata/</c>) and the
    /// default realm files (<c>sourcegensync/&lt;user id&gt;/</c>). Default: the current directory at construction.</summary>
    public string BaseFilePath { get; init; }

    /// <summary>Deadline of every authentication call (log-in, refresh, API keys). Default 30 s.</summary>
    public TimeSpan DefaultRequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How sessions wait between reconnect attempts.</summary>
    public ReconnectBackoffOptions ReconnectBackoff { get; init; } = new();

    /// <summary>An idle session pings the server this often; also the HTTP/2 keepalive delay. Default 30 s.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection with no message from the server for this long is considered dead. Default 90 s.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Whether all sessions share one HTTP/2 connection (default) or each opens its own.</summary>
    public bool MultiplexSessions { get; init; } = true;

    /// <summary>How long a session stays alive (Dying) after its last realm instance closes, to finish uploads. Default 30 s.</summary>
    public TimeSpan SessionLingerTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An HTTP handler for the connection to the server (e.g. custom TLS validation). Not disposed by the app.
    /// When set, sessions without multiplexing use it too, so they may share its connections.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
