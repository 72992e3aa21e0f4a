using System;

namespace SourceGenSync.Sync;

/// <summary>
/// Exponential backoff with jitter between connection attempts (<see cref="ReconnectBackoffOptions"/>): the first
/// retry after MinimumDelay, each next one Multiplier times longer up to MaximumDelay, each shortened by up to
/// Jitter so that many clients cut off together do not reconnect together.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly ReconnectBackoffOptions _options;
    private int _failures;

    public ReconnectBackoff(ReconnectBackoffOptions options) => _options = options;

    public void Reset() => _failures = 0;

    public TimeSpan NextDelay()
    {
        var delay = _options.MinimumDelay.TotalMilliseconds * Math.Pow(_options.Multiplier, Math.Min(_failures, 60));
        delay = Math.Min(delay, _options.MaximumDelay.TotalMilliseconds);
        _failures++;
        var jitter = Math.Clamp(_options.Jitter, 0, 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, delay * (1 - (jitter * Random.Shared.NextDouble()))));
    }
}
