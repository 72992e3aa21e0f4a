using System;

namespace SourceGenSync.Server.Hosting;

/// <summary>
/// Server settings, bound from the configuration section <c>Server</c> (plus the top-level <c>data</c> key for
/// <see cref="DataPath"/>): command line <c>--Server:DevelopmentMode=false</c>, environment
/// <c>SGS_Server__DevelopmentMode=false</c>, or a JSON file. docs/server.md lists every option.
/// </summary>
public sealed class SyncServerOptions
{
    public const string SectionName = "Server";

    /// <summary>The folder holding the SQLite store (created when missing). <c>--data</c>.</summary>
    public string DataPath { get; set; } = "./sgs-data";

    /// <summary>Accept additive schema changes (new classes, new properties) from clients. Breaking changes are always refused.</summary>
    public bool DevelopmentMode { get; set; } = true;

    /// <summary>Allow <c>LogInAnonymous</c>.</summary>
    public bool AllowAnonymous { get; set; } = true;

    /// <summary>Create a realm the first time a client binds to a well-formed name; when false, unknown realms are refused.</summary>
    public bool CreateRealmsOnBind { get; set; } = true;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Clock skew tolerated when validating access tokens.</summary>
    public TimeSpan TokenClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (OWASP 2023: 600,000). Existing hashes keep theirs.</summary>
    public int PasswordIterations { get; set; } = 600_000;

    /// <summary>History older than this is compacted; a client whose cursor predates the kept history must reset.</summary>
    public TimeSpan ClientMaxOfflineTime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often compaction runs (zero or negative: never automatically).</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far in the future a changeset's origin timestamp may lie before it is refused (BAD_TIMESTAMP).</summary>
    public TimeSpan MaxFutureTimestampSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Target size of one Download message's changeset data; a batch larger than this spans several messages.</summary>
    public int DownloadMessageBytes { get; set; } = 256 * 1024;

    /// <summary>Largest gRPC message accepted or sent (RESOURCE_EXHAUSTED beyond it).</summary>
    public int MaxMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long a new Session stream may wait before sending Bind (PROTOCOL_VIOLATION after).</summary>
    public TimeSpan BindTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most changesets in one Upload.</summary>
    public int MaxChangesetsPerUpload { get; set; } = 10_000;

    /// <summary>Most uploads the integrator of one realm commits in one SQLite transaction (group commit).</summary>
    public int MaxUploadsPerCommit { get; set; } = 64;

    /// <summary>Most subscriptions in one flexible-sync subscription set.</summary>
    public int MaxSubscriptions { get; set; } = 100;

    /// <summary>Longest subscription query text, in characters.</summary>
    public int MaxQueryLength { get; set; } = 16 * 1024;

    /// <summary>Deepest nesting of a subscription query (parentheses, NOT, AND/OR, SUBQUERY).</summary>
    public int MaxQueryDepth { get; set; } = 32;

    /// <summary>Most compensating writes listed in one COMPENSATING_WRITE error (the count in its message is exact).</summary>
    public int MaxCompensatingWritesReported { get; set; } = 1000;
}
