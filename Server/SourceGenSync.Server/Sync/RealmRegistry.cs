using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Server.Sync;

/// <summary>The realms this server has opened since it started (one <see cref="RealmHub"/> each, for the process's life).</summary>
internal sealed partial class RealmRegistry : System.IAsyncDisposable
{
    private readonly SyncServices _services;
    private readonly ConcurrentDictionary<string, RealmHub> _hubs = new(System.StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RealmRegistry(SyncServices services) => _services = services;

    public ICollection<RealmHub> Loaded => _hubs.Values;

    /// <summary>Realm names: 1–128 characters from letters, digits and <c>_ - . / : @</c>, starting with a letter or digit.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <returns>The realm, or null when it does not exist and may not be created.</returns>
    public async Task<RealmHub?> GetAsync(string name, bool create, CancellationToken cancellationToken)
    {
        if (_hubs.TryGetValue(name, out var hub))
        {
            return hub;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_hubs.TryGetValue(name, out hub))
            {
                return hub;
            }

            var record = create
                ? await _services.Store.GetOrCreateRealmAsync(name, cancellationToken).ConfigureAwait(false)
                : await _services.Store.FindRealmAsync(name, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return null;
            }

            hub = new RealmHub(record, _services.Store, _services);
            _hubs[name] = hub;
            return hub;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async System.Threading.Tasks.ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs.Values)
        {
            await hub.DisposeAsync().ConfigureAwait(false);
        }

        _hubs.Clear();
        _gate.Dispose();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
