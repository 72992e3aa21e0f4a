using System;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync;

namespace SourceGenSync.Runtime.Tests.Sync.Subscriptions;

/// <summary>
/// States and waits, with the test playing the session: it marks sets Complete or Error through a connection of its
/// own (as the session does in its download transaction) and signals.
/// </summary>
public sealed class SubscriptionStateTests : IDisposable
{
    private readonly SubscriptionFiles _files = new();
    private readonly Realm _realm;

    public SubscriptionStateTests() => _realm = _files.Open();

    private SubscriptionSet Subs => _realm.Subscriptions;

    public void Dispose() => _files.Dispose();

    [Fact]
    public void MarkComplete_makes_the_set_Complete_and_older_ones_Superseded()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));
        Subs.Update(() => Subs.Add(_realm.All<SubPerson>()));
        Assert.Equal((2L, SubscriptionSetState.Pending), (Subs.Version, Subs.State));

        _files.MarkComplete("flx", 2);

        Assert.Equal((2L, SubscriptionSetState.Complete, 2), (Subs.Version, Subs.State, Subs.Count));
        Assert.Equal(SubscriptionSetState.Superseded, _files.ReadVersion("flx", 1)!.State);
        Assert.Equal(SubscriptionSetState.Superseded, _files.ReadVersion("flx", 0)!.State);
        Assert.Empty(_files.ReadVersion("flx", 1)!.Subscriptions);

        Subs.Update(() => Subs.RemoveAll());
        Assert.Equal((3L, SubscriptionSetState.Pending), (Subs.Version, Subs.State));
    }

    [Fact]
    public void MarkError_makes_the_set_Error_with_the_servers_message()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>().Where(f => f.Priority > 1)));

        _files.MarkError("flx", 1, "Property 'priority' is not queryable in subscriptions.");

        Assert.Equal(SubscriptionSetState.Error, Subs.State);
        var error = Assert.IsType<SubscriptionException>(Subs.Error);
        Assert.Equal("Property 'priority' is not queryable in subscriptions.", error.Message);
    }

    [Fact]
    public async Task WaitForSynchronizationAsync_returns_when_the_session_marks_the_set_Complete()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));

        var wait = Subs.WaitForSynchronizationAsync();
        Assert.False(wait.IsCompleted);
        _files.MarkComplete("flx", 1);

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SubscriptionSetState.Complete, Subs.State);
    }

    [Fact]
    public async Task WaitForSynchronizationAsync_returns_at_once_when_already_Complete()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));
        _files.MarkComplete("flx", 1);

        var wait = Subs.WaitForSynchronizationAsync();

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
    }

    [Fact]
    public async Task WaitForSynchronizationAsync_throws_the_servers_error()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));
        var wait = Subs.WaitForSynchronizationAsync();

        _files.MarkError("flx", 1, "Class 'Task' has no read permission for this user.");

        var error = await Assert.ThrowsAsync<SubscriptionException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("Class 'Task' has no read permission for this user.", error.Message);
        await Assert.ThrowsAsync<SubscriptionException>(() => Subs.WaitForSynchronizationAsync());
    }

    [Fact]
    public async Task WaitForSynchronizationAsync_returns_when_a_newer_set_supersedes_it()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));
        var waitForFirst = Subs.WaitForSynchronizationAsync();

        Subs.Update(() => Subs.Add(_realm.All<SubPerson>()));
        _files.MarkComplete("flx", 2);

        await waitForFirst.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SubscriptionSetState.Superseded, _files.ReadVersion("flx", 1)!.State);
    }

    [Fact]
    public async Task WaitForSynchronizationAsync_waits_for_the_version_current_when_called()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));
        _files.MarkComplete("flx", 1);
        Subs.Update(() => Subs.Add(_realm.All<SubPerson>()));

        var wait = Subs.WaitForSynchronizationAsync();
        Assert.False(wait.IsCompleted);

        _files.MarkComplete("flx", 2);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitForSynchronizationAsync_is_cancelled_by_its_token()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));
        using var cancellation = new CancellationTokenSource();

        var wait = Subs.WaitForSynchronizationAsync(cancellation.Token);
        Assert.False(wait.IsCompleted);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Subs.WaitForSynchronizationAsync(cancellation.Token));
    }

    [Fact]
    public async Task A_wait_ends_with_ObjectDisposedException_when_the_realm_is_disposed()
    {
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));
        var subscriptions = Subs;
        var wait = subscriptions.WaitForSynchronizationAsync();
        Assert.False(wait.IsCompleted);

        _realm.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => subscriptions.WaitForSynchronizationAsync());
        Assert.Throws<ObjectDisposedException>(() => _realm.Subscriptions);
    }

    [Fact]
    public async Task Every_instance_on_the_file_is_woken_by_the_sessions_signal()
    {
        var other = _files.Open();
        Subs.Update(() => Subs.Add(_realm.All<SubTask>()));
        var here = Subs.WaitForSynchronizationAsync();
        var there = other.Subscriptions.WaitForSynchronizationAsync();

        _files.MarkComplete("flx", 1);

        await Task.WhenAll(here, there).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SubscriptionSetState.Complete, other.Subscriptions.State);
    }

    [Fact]
    public async Task Waiting_inside_an_Update_callback_is_refused()
    {
        Task? wait = null;

        Subs.Update(() => wait = Subs.WaitForSynchronizationAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => wait!);
    }

    [Fact]
    public async Task The_initial_empty_set_completes_when_the_session_marks_version_0()
    {
        var wait = Subs.WaitForSynchronizationAsync();

        _files.MarkComplete("flx", 0);

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((0L, SubscriptionSetState.Complete), (Subs.Version, Subs.State));
    }
}
