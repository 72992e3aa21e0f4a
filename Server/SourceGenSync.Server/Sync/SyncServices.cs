using System;
using Microsoft.Extensions.Logging;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Diagnostics;
using SourceGenSync.Server.Hosting;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Sync;

/// <summary>What the sync components share (one per server).</summary>
internal sealed record SyncServices(ISyncStore Store, SyncServerOptions Options, TokenService Tokens, ServerMetrics Metrics, TimeProvider Time, ILoggerFactory LoggerFactory)
{
    public ILogger Logger { get; } = LoggerFactory.CreateLogger("SourceGenSync.Server.Sync");

    public FileSessions FileSessions { get; } = new();
}
