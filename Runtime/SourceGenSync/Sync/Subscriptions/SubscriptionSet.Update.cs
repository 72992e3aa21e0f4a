using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Internal.Sync.Subscriptions;

namespace SourceGenSync.Sync;

// Changing the set: Update runs its callback in one write transaction of the realm (the file's write lock, one SQLite
// transaction, no changeset: subscriptions are not data) on a draft of the next version, and stores it at the end.
public sealed partial class SubscriptionSet
{
    private static readonly AsyncLocal<SubscriptionDraft?> s_draft = new();

    /// <summary>
    /// Changes the set: every <c>Add</c>/<c>Remove</c> in <paramref name="action"/> commits together as the next
    /// <see cref="Version"/> (Pending), stored in the realm file (works offline). If <paramref name="action"/> throws,
    /// nothing is kept and the exception propagates. Waits for other writers on the file like <c>realm.Write</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called inside another Update callback or inside a write transaction.</exception>
    public void Update(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ThrowIfCannotUpdate();
        var committed = _realm.Write(() => Run(action, initial: false));
        Published(committed);
    }

    /// <summary>
    /// Like <see cref="Update"/>, but waits for other writers without blocking the caller (<paramref name="cancellationToken"/>
    /// cancels only that wait). After waiting for another writer the callback runs on the thread pool. Does not wait for the server: see
    /// <see cref="WaitForSynchronizationAsync"/>.
    /// </summary>
    public async Task UpdateAsync(Action action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ThrowIfCannotUpdate();
        var committed = await _realm.WriteAsync(() => Run(action, initial: false), cancellationToken).ConfigureAwait(false);
        Published(committed);
    }

    /// <summary>Adds <paramref name="query"/> (see <see cref="Add{T}(IQueryable{T}, SubscriptionOptions?)"/>).</summary>
    /// <param name="query">A query from <c>realm.All&lt;T&gt;()</c>, filtered with Where (no OrderBy, Skip, Take or Select).</param>
    /// <param name="name">The subscription's name; null for an unnamed subscription, identified by its query.</param>
    /// <param name="updateExisting">When a subscription has this name with another query: true replaces its query, false throws.</param>
    public Subscription Add<T>(IQueryable<T> query, string? name = null, bool updateExisting = true)
        where T : IRealmObject
    {
        var draft = WritableDraft();
        if (name is not null && name.Length == 0)
        {
            throw new ArgumentException("A subscription name cannot be empty; pass null for an unnamed subscription.", nameof(name));
        }

        var subscription = SubscriptionQuery.From(query);
        subscription.EnsureOf(_realm);
        return new Subscription(draft.Add(subscription, name, updateExisting));
    }

    /// <summary>
    /// Adds a subscription to <paramref name="query"/> and returns it. An unnamed query already in the set is not added
    /// twice (the existing subscription is returned); a name already in the set with another query has its query
    /// replaced (same <see cref="Subscription.Id"/>, new <see cref="Subscription.UpdatedAt"/>) unless
    /// <see cref="SubscriptionOptions.UpdateExisting"/> is false, which throws <see cref="ArgumentException"/>.
    /// Only inside <see cref="Update"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The query orders, pages or projects (remove OrderBy, Skip, Take, Select).</exception>
    public Subscription Add<T>(IQueryable<T> query, SubscriptionOptions? options)
        where T : IRealmObject =>
        Add(query, options?.Name, options?.UpdateExisting ?? true);

    /// <summary>Removes the subscription named <paramref name="name"/>; false when there is none. Only inside <see cref="Update"/>.</summary>
    public bool Remove(string name)
    {
        var draft = WritableDraft();
        ArgumentException.ThrowIfNullOrEmpty(name);
        return draft.Remove(name);
    }

    /// <summary>Removes <paramref name="subscription"/> (by its name when it has one, else by its query); false when it is not in the set.</summary>
    public bool Remove(Subscription subscription)
    {
        var draft = WritableDraft();
        ArgumentNullException.ThrowIfNull(subscription);
        var id = subscription.Id;
        return draft.RemoveWhere(s => s.Id == id) > 0;
    }

    /// <summary>
    /// Removes the unnamed subscriptions with <paramref name="query"/>'s class, text and arguments (and the named ones
    /// too when <paramref name="removeNamed"/>); returns how many were removed. Only inside <see cref="Update"/>.
    /// </summary>
    public int Remove<T>(IQueryable<T> query, bool removeNamed = false)
        where T : IRealmObject
    {
        var draft = WritableDraft();
        var subscription = SubscriptionQuery.From(query);
        subscription.EnsureOf(_realm);
        return draft.Remove(subscription, removeNamed);
    }

    /// <summary>Removes the unnamed subscriptions on class <typeparamref name="T"/> (named ones too when <paramref name="removeNamed"/>); returns how many.</summary>
    public int RemoveAll<T>(bool removeNamed = false)
        where T : IRealmObject
    {
        var draft = WritableDraft();
        if (!_realm.Layout.TryGetTable(typeof(T), out var table))
        {
            throw new ArgumentException($"The class '{typeof(T).Name}' is not part of this realm's schema.", nameof(T));
        }

        return draft.RemoveAll(table.ClassName, removeNamed);
    }

    /// <summary>Removes the unnamed subscriptions on the stored class <paramref name="className"/> (named ones too when <paramref name="removeNamed"/>); returns how many.</summary>
    public int RemoveAll(string className, bool removeNamed = false)
    {
        var draft = WritableDraft();
        ArgumentException.ThrowIfNullOrEmpty(className);
        return draft.RemoveAll(className, removeNamed);
    }

    /// <summary>Removes every unnamed subscription (every subscription when <paramref name="removeNamed"/>); returns how many.</summary>
    public int RemoveAll(bool removeNamed = false) => WritableDraft().RemoveAll(className: null, removeNamed);

    /// <summary>
    /// First open of a flexible realm: stores version 0 and runs <paramref name="populate"/> as an Update (version 1)
    /// in the same transaction, unless the file already has a subscription set. Returns whether it did.
    /// </summary>
    internal bool InitializeIfNew(FlexibleSyncConfiguration.InitialSubscriptionsDelegate? populate)
    {
        if (_realm.Config.IsReadOnly || _realm.IsFrozen || ReadFromFile(SubscriptionTables.ReadLatest) is not null)
        {
            return false;
        }

        ThrowIfCannotUpdate();
        var committed = _realm.Write(() =>
        {
            var connection = _realm.Connection;
            lock (_realm.Gate)
            {
                SubscriptionTables.EnsureCreated(connection);
                if (SubscriptionTables.ReadLatest(connection) is not null)
                {
                    return null;
                }

                SubscriptionTables.Insert(connection, StoredSubscriptionSet.Initial, Now());
            }

            return populate is null ? StoredSubscriptionSet.Initial : Run(() => populate(_realm), initial: true);
        });
        if (committed is null)
        {
            return false;
        }

        Published(committed);
        return true;
    }

    private void ThrowIfCannotUpdate()
    {
        _realm.ThrowIfClosed();
        if (s_draft.Value is not null)
        {
            throw new InvalidOperationException("Subscriptions.Update cannot be nested: make every change in the outer Update callback.");
        }

        if (_realm.IsInWriteFlow)
        {
            throw new InvalidOperationException("Subscriptions.Update cannot run inside a write transaction: subscriptions are not data. Call it before or after realm.Write.");
        }
    }

    private SubscriptionDraft WritableDraft()
    {
        _realm.ThrowIfClosed();
        return Draft ?? throw new InvalidOperationException(
            "The subscription set can only change inside realm.Subscriptions.Update(() => ...) or UpdateAsync: call Add and Remove from the Update callback.");
    }

    /// <summary>Runs the callback on a draft inside the open write transaction and stores the draft.</summary>
    private StoredSubscriptionSet Run(Action action, bool initial)
    {
        var connection = _realm.Connection;
        StoredSubscriptionSet latest;
        lock (_realm.Gate)
        {
            SubscriptionTables.EnsureCreated(connection);
            latest = SubscriptionTables.ReadLatest(connection) ?? StoredSubscriptionSet.Initial;
        }

        var draft = new SubscriptionDraft(this, latest, Now());
        s_draft.Value = draft;
        try
        {
            action();
        }
        finally
        {
            s_draft.Value = null;
        }

        if (_realm.Recorder.InstructionCount > 0)
        {
            throw new InvalidOperationException(
                (initial ? "PopulateInitialSubscriptions" : "The Subscriptions.Update callback") +
                " changed objects: it may only add and remove subscriptions. Write objects in realm.Write, outside the callback.");
        }

        var set = draft.ToStored();
        lock (_realm.Gate)
        {
            SubscriptionTables.Insert(connection, set, draft.Now);
        }

        return set;
    }

    private void Published(StoredSubscriptionSet committed) => Remember(committed, _signals.Committed(committed.Version));

    // Stored in milliseconds: what is read back equals what was written.
    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
