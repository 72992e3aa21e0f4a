using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync;
using SourceGenSync.Sync;
using SyncDemo.Models;

namespace SyncDemo;

/// <summary>
/// A device of the flexible-sync stage: its own <see cref="App"/> and folder, an anonymous user, and a
/// flexible-sync realm of <see cref="Note"/> objects opened with the device's initial subscription. Keeps the
/// compensating writes the server reports to <c>OnSessionError</c>.
/// </summary>
internal sealed class NotesDevice : IDisposable
{
    private readonly TaskCompletionSource<CompensatingWriteException> _compensatingWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NotesDevice(string name, App app)
    {
        Name = name;
        App = app;
    }

    public string Name { get; }

    public App App { get; }

    public User User { get; private set; } = null!;

    public Realm Realm { get; private set; } = null!;

    public Session Session => Realm.SyncSession;

    /// <summary>The first <see cref="CompensatingWriteException"/> the session reported.</summary>
    public Task<CompensatingWriteException> CompensatingWrite => _compensatingWrite.Task;

    /// <summary>
    /// Logs in anonymously on a new App in <paramref name="folder"/> and opens the flexible-sync realm. Its first
    /// subscription (<paramref name="subscription"/>, given the user) is added by PopulateInitialSubscriptions, so
    /// OpenAsync returns once the server has sent the objects it selects.
    /// </summary>
    public static async Task<NotesDevice> StartAsync(string name, Uri server, string folder, string subscriptionName,
        Func<Realm, User, IQueryable<Note>> subscription, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var device = new NotesDevice(name, App.Create(new AppConfiguration(server) { BaseFilePath = folder }));
        try
        {
            device.User = await device.App.LogInAsync(Credentials.Anonymous(), cancellationToken);
            var user = device.User;
            var config = new FlexibleSyncConfiguration(user)
            {
                ObjectClasses = [typeof(Note)],
                PopulateInitialSubscriptions = realm => realm.Subscriptions.Add(subscription(realm, user), subscriptionName),
                OnSessionError = (_, error) =>
                {
                    if (error is CompensatingWriteException compensating)
                    {
                        device._compensatingWrite.TrySetResult(compensating);
                    }
                },
            };
            device.Realm = await Device.WithinLimitAsync(Realm.OpenAsync(config, cancellationToken), $"{name}'s OpenAsync");
            return device;
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <summary>The ids of the notes in this device's realm, sorted.</summary>
    public IReadOnlyList<string> NoteIds()
    {
        Realm.Refresh();
        return [.. Realm.All<Note>().ToList().Select(static n => n.Id).Order(StringComparer.Ordinal)];
    }

    public async Task UploadAllAsync()
    {
        if (!await Session.WaitForUploadAsync(Device.WaitLimit))
        {
            throw new DemoFailure($"{Name}: WaitForUploadAsync did not complete within {Device.WaitLimit.TotalSeconds:0} s");
        }
    }

    public async Task DownloadAllAsync()
    {
        if (!await Session.WaitForDownloadAsync(Device.WaitLimit))
        {
            throw new DemoFailure($"{Name}: WaitForDownloadAsync did not complete within {Device.WaitLimit.TotalSeconds:0} s");
        }

        Realm.Refresh();
    }

    /// <summary>
    /// Waits for the server to have sent what the latest subscription set selects (bounded; a refused set
    /// fails the demo with the server's message).
    /// </summary>
    public async Task WaitForSubscriptionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Device.WithinLimitAsync(Realm.Subscriptions.WaitForSynchronizationAsync(cancellationToken), $"{Name}'s WaitForSynchronizationAsync");
        }
        catch (SubscriptionException exception)
        {
            throw new DemoFailure($"{Name}: the server refused the subscriptions: {exception.Message}");
        }
    }

    public void Dispose()
    {
        Realm?.Dispose();
        App.Dispose();
    }
}
