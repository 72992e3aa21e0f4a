using System;
using Microsoft.Extensions.Logging;
using SourceGenSync.Server.Auth;
using SourceGenSync.Server.Diagnostics;
using SourceGenSync.Server.Hosting;
using SourceGenSync.Server.Permissions;
using SourceGenSync.Server.Storage;

namespace SourceGenSync.Server.Sync;

/// <summary>What the sync components share (one per server).</summary>
internal sealed record SyncServices(ISyncStore Store, SyncServerOptions Options, TokenService Tokens, ServerMetrics Metrics, TimeProvider Time, ILoggerFactory LoggerFactory)
{
    public ILogger Logger { get; } = LoggerFactory.CreateLogger("SourceGenSync.Server.Sync");

    public FileSessions FileSessions { get; } = new();

    /// <summary>Per-class read and write rules (docs/permissions.md); disabled unless the configuration has a Rules section.</summary>
    public PermissionRules Rules { get; init; } = new(new RulesOptions());

    public SubscriptionLimits SubscriptionLimits => new()
    {
        MaxSubscriptions = Options.MaxSubscriptions,
        MaxQueryLength = Options.MaxQueryLength,
        MaxDepth = Options.MaxQueryDepth,
    };
}
