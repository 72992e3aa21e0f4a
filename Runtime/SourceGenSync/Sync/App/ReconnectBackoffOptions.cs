using System;

namespace SourceGenSync.Sync;

/// <summary>
/// Exponential backoff between reconnect attempts: the first wait is <see cref="MinimumDelay"/>, each further one
/// <see cref="Multiplier"/> times longer up to <see cref="MaximumDelay"/>, each shortened by a random part of up to
/// <see cref="Jitter"/> (<c>delay * (1 - Jitter * random)</c>) so many clients do not reconnect in step.
/// </summary>
public sealed class ReconnectBackoffOptions
{
    /// <summary>The first delay. Default 1 s.</summary>
    public TimeSpan MinimumDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay. Default 5 minutes.</summary>
    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Growth factor per failed attempt. Default 2.</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>Largest fraction taken off a delay at random (0 to 1). Default 0.25.</summary>
    public double Jitter { get; init; } = 0.25;
}
