using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;

namespace SourceGenSync.Server.Permissions;

/// <summary>
/// Permission rules, bound from the top-level configuration section <c>Rules</c> (docs/permissions.md):
/// <c>{ "Default": { "Read": "…", "Write": "…" }, "Classes": { "Task": { "Read": "…", "Write": "…" } } }</c>.
/// No section (or an empty one) means development mode: everything is readable and writable.
/// </summary>
internal sealed class RulesOptions
{
    public const string SectionName = "Rules";

    /// <summary>The rules of every class without an entry in <see cref="Classes"/>; without it those classes are denied.</summary>
    public ClassRuleOptions? Default { get; set; }

    /// <summary>Rules per class name (exact, case-sensitive).</summary>
    public Dictionary<string, ClassRuleOptions> Classes { get; set; } = new(StringComparer.Ordinal);

    public static RulesOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RulesOptions();
        configuration.GetSection(SectionName).Bind(options);
        return options;
    }
}

/// <summary>The rules of one class: query texts with <c>$user.…</c> variables; a missing one denies.</summary>
internal sealed class ClassRuleOptions
{
    /// <summary>Objects the user may download (e.g. <c>ownerId == $user.id OR isPublic == true</c>).</summary>
    public string? Read { get; set; }

    /// <summary>Objects the user may create, change or delete.</summary>
    public string? Write { get; set; }
}
