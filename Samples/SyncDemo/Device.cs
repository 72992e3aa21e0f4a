using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync;
using SourceGenSync.Sync;
using SyncDemo.Models;

namespace SyncDemo;

/// <summary>
/// One simulated device: its own <see cref="App"/> whose files live in their own folder (as on a separate phone),
/// a logged-in user, and the synced realm it opened. Records every connection-state change of its session.
/// </summary>
internal sealed class Device : IDisposable
{
    /// <summary>How long any single wait may take before the demo calls it a failure.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(TimeSpan At, ConnectionState Old, ConnectionState New)> _connectionChanges = new();

    private Device(string name, App app, User user, Realm realm)
    {
        Name = name;
        App = app;
        User = user;
        Realm = realm;
        Session.ConnectionStateChanged += (_, e) => _connectionChanges.Enqueue((Ui.Now, e.OldState, e.NewState));
    }

    public string Name { get; }

    public App App { get; }

    public User User { get; }

    public Realm Realm { get; }

    public Session Session => Realm.SyncSession;

    /// <summary>
    /// Creates the device's App on <paramref name="folder"/>, logs in and opens the synced realm. OpenAsync
    /// downloads what the server already has before it returns (the default for a new file).
    /// </summary>
    public static async Task<Device> StartAsync(string name, Uri server, string folder, Credentials credentials, bool register, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var app = App.Create(new AppConfiguration(server)
        {
            BaseFilePath = folder,
            // Short delays so the demo's outage ends quickly; a real app keeps the defaults (1 s doubling to 5 min).
            ReconnectBackoff = new ReconnectBackoffOptions { MinimumDelay = TimeSpan.FromMilliseconds(250), MaximumDelay = TimeSpan.FromSeconds(1) },
        });
        try
        {
            if (register)
            {
                await app.EmailPasswordAuth.RegisterUserAsync(DemoUser.Email, DemoUser.Password, cancellationToken);
            }

            var user = await app.LogInAsync(credentials, cancellationToken);
            var config = new SyncConfiguration(user) { ObjectClasses = [typeof(TodoItem)] };
            var realm = await Realm.OpenAsync(config, cancellationToken);
            return new Device(name, app, user, realm);
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Connection-state changes seen so far, oldest first; the queue is emptied.</summary>
    public IReadOnlyList<(TimeSpan At, ConnectionState Old, ConnectionState New)> TakeConnectionChanges()
    {
        var changes = new List<(TimeSpan, ConnectionState, ConnectionState)>();
        while (_connectionChanges.TryDequeue(out var change))
        {
            changes.Add(change);
        }

        return changes;
    }

    public async Task UploadAllAsync()
    {
        if (!await Session.WaitForUploadAsync(WaitLimit))
        {
            throw new DemoFailure($"device {Name}: WaitForUploadAsync did not complete within {WaitLimit.TotalSeconds:0} s");
        }
    }

    public async Task DownloadAllAsync()
    {
        if (!await Session.WaitForDownloadAsync(WaitLimit))
        {
            throw new DemoFailure($"device {Name}: WaitForDownloadAsync did not complete within {WaitLimit.TotalSeconds:0} s");
        }

        // Downloads are integrated by the session on its own connection; bring this instance up to date now.
        Realm.Refresh();
    }

    /// <summary>Completes when the session's connection state satisfies <paramref name="wanted"/> (event-driven, with a deadline).</summary>
    public async Task WaitForConnectionAsync(Func<ConnectionState, bool> wanted, string what)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, ConnectionStateChangedEventArgs e)
        {
            if (wanted(e.NewState))
            {
                reached.TrySetResult();
            }
        }

        Session.ConnectionStateChanged += OnChanged;
        try
        {
            if (wanted(Session.ConnectionState))
            {
                return;
            }

            try
            {
                await reached.Task.WaitAsync(WaitLimit);
            }
            catch (TimeoutException)
            {
                throw new DemoFailure($"device {Name}: {what} did not happen within {WaitLimit.TotalSeconds:0} s (connection {Session.ConnectionState}, session {Session.State})");
            }
        }
        finally
        {
            Session.ConnectionStateChanged -= OnChanged;
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing the demo if it takes longer than <see cref="WaitLimit"/>.</summary>
    public static async Task WithinLimitAsync(Task task, string what)
    {
        try
        {
            await task.WaitAsync(WaitLimit);
        }
        catch (TimeoutException)
        {
            throw new DemoFailure($"{what} did not happen within {WaitLimit.TotalSeconds:0} s");
        }
    }

    /// <summary>Awaits <paramref name="task"/> and returns its result, failing the demo past <see cref="WaitLimit"/>.</summary>
    public static async Task<T> WithinLimitAsync<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(WaitLimit);
        }
        catch (TimeoutException)
        {
            throw new DemoFailure($"{what} did not happen within {WaitLimit.TotalSeconds:0} s");
        }
    }

    public void Dispose()
    {
        Realm.Dispose();
        App.Dispose();
    }
}

/// <summary>The one user both devices log in as (two devices of the same person).</summary>
internal static class DemoUser
{
    public const string Email = "ada@example.com";
    public const string Password = "correct horse battery staple";

    public static Credentials Credentials => Credentials.EmailPassword(Email, Password);
}
