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

    // Schemas whose rule problems were logged: RealmSchema is immutable and replaced on change, so once per version.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Schema.RealmSchema, object> _checkedRules = new();

    /// <summary>Logs, once per schema version, the rules that do not fit it (they deny; the log says why).</summary>
    public void CheckRules(string realm, Schema.RealmSchema schema)
    {
        if (!Rules.Enabled || !_checkedRules.TryAdd(schema, this))
        {
            return;
        }

        foreach (var problem in Rules.Validate(schema))
        {
            ServerLog.RuleProblem(Logger, realm, problem);
        }
    }

    public SubscriptionLimits SubscriptionLimits => new()
    {
        MaxSubscriptions = Options.MaxSubscriptions,
        MaxQueryLength = Options.MaxQueryLength,
        MaxDepth = Options.MaxQueryDepth,
    };
}
