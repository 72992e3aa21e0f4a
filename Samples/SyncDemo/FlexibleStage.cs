using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync;
using SyncDemo.Models;

namespace SyncDemo;

/// <summary>
/// Flexible sync: a second server with permission rules (owner-only writes, owner-or-public reads) and two users
/// who sync only what their subscriptions select. Bob receives exactly Ann's public notes his query matches,
/// changes his query and sees notes enter and leave, and has his edit of Ann's note refused and reverted.
/// </summary>
internal sealed class FlexibleStage(string root, CancellationToken cancellationToken) : IAsyncDisposable
{
    private const string ReadRule = "OwnerId == $user.id OR IsPublic == true";
    private const string WriteRule = "OwnerId == $user.id";
    private const string Edited = "ann-3";

    private static readonly NoteSeed[] s_annNotes =
    [
        new("ann-1", "Team offsite agenda", IsPublic: true, Priority: 5),
        new("ann-2", "Salary review notes", IsPublic: false, Priority: 5),
        new("ann-3", "Book club shortlist", IsPublic: true, Priority: 3),
        new("ann-4", "Birthday gift ideas", IsPublic: false, Priority: 4),
        new("ann-5", "Lasagne recipe", IsPublic: true, Priority: 2),
        new("ann-6", "Garden chores", IsPublic: true, Priority: 1),
    ];

    private EmbeddedServer? _server;
    private NotesDevice? _ann;
    private NotesDevice? _bob;

    private NotesDevice Ann => _ann ?? throw new InvalidOperationException("Ann's device not started");

    private NotesDevice Bob => _bob ?? throw new InvalidOperationException("Bob's device not started");

    private Uri ServerAddress => _server?.Address ?? throw new InvalidOperationException("the server with rules is not started");

    public async Task RunAsync()
    {
        await AnnWritesHerNotesAsync();
        await BobSubscribesAsync();
        await BobChangesHisSubscriptionAsync();
        await BobEditsAnnsNoteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _bob?.Dispose();
        _ann?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task AnnWritesHerNotesAsync()
    {
        Ui.Step(8, "Flexible sync: a server with rules; Ann subscribes to her notes");
        // A server with rules refuses partition-style sessions, so the devices above keep their own server.
        string[] rules = [$"--Rules:Classes:Note:Read={ReadRule}", $"--Rules:Classes:Note:Write={WriteRule}"];
        _server = await EmbeddedServer.StartAsync(Path.Combine(root, "server-rules"), rules, cancellationToken);
        var table = Ui.NewTable("sync server with rules", "");
        Ui.Row(table, "address", _server.Address);
        Ui.Row(table, "Note read rule", ReadRule);
        Ui.Row(table, "Note write rule", WriteRule);
        Ui.Show(table);

        _ann = await NotesDevice.StartAsync("Ann", ServerAddress, Path.Combine(root, "ann"), "my notes", static (realm, user) =>
        {
            var me = user.Id;
            return realm.All<Note>().Where(n => n.OwnerId == me);
        }, cancellationToken);
        await Ann.WaitForSubscriptionsAsync(cancellationToken);
        Ui.Good($"Ann logged in anonymously ({Ann.User.Id[..8]}…) and opened a flexible-sync realm; PopulateInitialSubscriptions subscribed it to 'my notes' (OwnerId == her id)");

        Ann.Realm.Write(() =>
        {
            foreach (var seed in s_annNotes)
            {
                Ann.Realm.Add(new Note { Id = seed.Id, OwnerId = Ann.User.Id, Title = seed.Title, IsPublic = seed.IsPublic, Priority = seed.Priority });
            }
        });
        await Ann.UploadAllAsync();
        var held = Ann.NoteIds();
        Expect(held.SequenceEqual(s_annNotes.Select(n => n.Id)), $"Ann should hold her {s_annNotes.Length} notes, holds [{string.Join(", ", held)}]");
        Ui.Good($"Ann wrote {s_annNotes.Length} notes ({s_annNotes.Count(n => n.IsPublic)} public); the server accepted them (WaitForUploadAsync)");
    }

    private async Task BobSubscribesAsync()
    {
        Ui.Step(9, "Bob subscribes to Priority >= 3, within what he may read");
        _bob = await NotesDevice.StartAsync("Bob", ServerAddress, Path.Combine(root, "bob"), "by priority",
            static (realm, _) => realm.All<Note>().Where(n => n.Priority >= 3), cancellationToken);
        await Bob.WaitForSubscriptionsAsync(cancellationToken);

        var onBob = Bob.NoteIds();
        var table = Ui.NewTable("Ann's note", "title", "public", "priority", "on Bob's", "why");
        foreach (var seed in s_annNotes)
        {
            var why = !seed.IsPublic ? "private (read rule)" : seed.Priority < 3 ? "priority < 3 (query)" : "public, priority >= 3";
            Ui.Row(table, seed.Id, seed.Title, YesNo(seed.IsPublic), seed.Priority, YesNo(onBob.Contains(seed.Id)), why);
        }

        Ui.Show(table);
        var expected = Ids(s_annNotes.Where(n => n.IsPublic && n.Priority >= 3));
        Expect(onBob.SequenceEqual(expected), $"Bob should hold exactly [{string.Join(", ", expected)}] (public, priority >= 3), holds [{string.Join(", ", onBob)}]");
        foreach (var seed in s_annNotes.Where(n => expected.Contains(n.Id)))
        {
            var title = Bob.Realm.Find<Note>(seed.Id)?.Title;
            Expect(title == seed.Title, $"Bob's copy of {seed.Id} should be titled '{seed.Title}', is '{title}'");
        }

        Ui.Good($"Bob (another anonymous user, {Bob.User.Id[..8]}…) holds exactly Ann's public notes with priority >= 3: {string.Join(", ", onBob)}");
    }

    private async Task BobChangesHisSubscriptionAsync()
    {
        Ui.Step(10, "Bob changes his subscription: notes enter and leave");
        var before = Bob.NoteIds();
        var subscriptions = Bob.Realm.Subscriptions;
        // Same name, new query: the subscription is replaced in the next version of the set.
        subscriptions.Update(() => subscriptions.Add(Bob.Realm.All<Note>().Where(n => n.Priority <= 3), "by priority"));
        var (version, state) = (subscriptions.Version, subscriptions.State);
        await Bob.WaitForSubscriptionsAsync(cancellationToken);
        var after = Bob.NoteIds();

        var subscription = subscriptions.Find("by priority");
        var sets = Ui.NewTable("subscription", "class", "query", "argument", "set version", "state");
        Ui.Row(sets, subscription?.Name, subscription?.ObjectType, subscription?.Query, "$0 = 3", version, $"{state} → {subscriptions.State}");
        Ui.Show(sets);

        var left = before.Except(after).ToList();
        var entered = after.Except(before).ToList();
        var counts = Ui.NewTable("Bob's device", "notes", "ids");
        Ui.Row(counts, "before (Priority >= 3)", before.Count, string.Join(", ", before));
        Ui.Row(counts, "left", left.Count, string.Join(", ", left));
        Ui.Row(counts, "entered", entered.Count, string.Join(", ", entered));
        Ui.Row(counts, "after (Priority <= 3)", after.Count, string.Join(", ", after));
        Ui.Show(counts);

        var expected = Ids(s_annNotes.Where(n => n.IsPublic && n.Priority <= 3));
        Expect(after.SequenceEqual(expected), $"after the change Bob should hold exactly [{string.Join(", ", expected)}], holds [{string.Join(", ", after)}]");
        Expect(subscriptions.State == SubscriptionSetState.Complete, $"Bob's subscription set should be Complete, is {subscriptions.State}");
        Expect(subscription?.Query == "Priority <= $0", $"Bob's subscription should read 'Priority <= $0', reads '{subscription?.Query}'");
        await Ann.DownloadAllAsync();
        Expect(Ann.NoteIds().SequenceEqual(s_annNotes.Select(n => n.Id)), "Ann should still hold all her notes: leaving Bob's device is not a deletion");
        Ui.Good($"Update, then WaitForSynchronizationAsync: {string.Join(", ", left)} left Bob's device (removed locally, still on Ann's); {string.Join(", ", entered)} arrived");
    }

    private async Task BobEditsAnnsNoteAsync()
    {
        Ui.Step(11, "Bob edits Ann's note: refused, reported, reverted");
        var original = s_annNotes.Single(n => n.Id == Edited).Title;
        var note = Bob.Realm.Find<Note>(Edited) ?? throw new DemoFailure($"Bob should hold {Edited}");
        const string Vandalized = "Bob was here";
        Bob.Realm.Write(() => note.Title = Vandalized);
        var local = note.Title;
        Expect(local == Vandalized, $"Bob's local write should show at once, title is '{local}'");
        Ui.Note($"Bob's write committed locally (offline-first): {Edited}.Title = '{local}'");

        var error = await Device.WithinLimitAsync(Bob.CompensatingWrite, "Bob's OnSessionError reporting a CompensatingWriteException");
        Ui.Note($"Bob's OnSessionError: {nameof(CompensatingWriteException)} (IsFatal = {error.IsFatal}, ServerCode = {error.ServerCode}); the session stays {Bob.Session.State}");
        var table = Ui.NewTable("object type", "primary key", "reason (CompensatingWrites)");
        foreach (var write in error.CompensatingWrites)
        {
            Ui.Row(table, write.ObjectType, write.PrimaryKey.AsString(), write.Reason);
        }

        Ui.Show(table);
        Expect(!error.IsFatal, "the compensating write should be non-fatal");
        Expect(error.CompensatingWrites is [{ ObjectType: "Note" } only] && only.PrimaryKey.AsString() == Edited,
            $"the server should report exactly Note {Edited}, reported [{string.Join("; ", error.CompensatingWrites)}]");

        await EventuallyAsync(() => { Bob.Realm.Refresh(); return note.Title == original; }, $"Bob's {Edited} reverting to Ann's title");
        Expect(note.IsValid, $"Bob's live {Edited} object should stay valid after the revert");
        await Ann.DownloadAllAsync();
        var annsTitle = Ann.Realm.Find<Note>(Edited)?.Title;
        Expect(annsTitle == original, $"Ann's {Edited} should still be titled '{original}', is '{annsTitle}'");
        Expect(Bob.Session.State == SessionState.Active, $"Bob's session should still be Active, is {Bob.Session.State}");
        Expect(!Ann.CompensatingWrite.IsCompleted, "Ann's writes to her own notes should never be refused");

        var titles = Ui.NewTable($"{Edited}.Title", "");
        Ui.Row(titles, "Bob, after his local write", local);
        Ui.Row(titles, "Bob, after the compensating write", note.Title);
        Ui.Row(titles, "Ann", annsTitle);
        Ui.Show(titles);
        Ui.Good("the compensating write is non-fatal; Bob's copy reverted in place to the server's state; Ann's note never changed");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing the demo past <see cref="Device.WaitLimit"/>.</summary>
    private async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Device.WaitLimit)
            {
                throw new DemoFailure($"{what} did not happen within {Device.WaitLimit.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    private static List<string> Ids(IEnumerable<NoteSeed> notes) => [.. notes.Select(n => n.Id).Order(StringComparer.Ordinal)];

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new DemoFailure(failure);
        }
    }

    private sealed record NoteSeed(string Id, string Title, bool IsPublic, int Priority);
}
