using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Schema;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>The session's pure pieces: backoff, the Bind schema, progress clamping, event ordering.</summary>
public sealed class SessionUnitTests
{
    [Fact]
    public void Backoff_doubles_from_the_minimum_up_to_the_maximum_shortened_by_at_most_the_jitter()
    {
        var options = new ReconnectBackoffOptions { MinimumDelay = TimeSpan.FromSeconds(1), MaximumDelay = TimeSpan.FromSeconds(10), Multiplier = 2, Jitter = 0.25 };
        var backoff = new ReconnectBackoff(options);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay().TotalSeconds).ToArray();

        double[] nominal = [1, 2, 4, 8, 10, 10, 10, 10];
        for (var i = 0; i < nominal.Length; i++)
        {
            Assert.InRange(delays[i], nominal[i] * 0.75, nominal[i]);
        }

        backoff.Reset();
        Assert.InRange(backoff.NextDelay().TotalSeconds, 0.75, 1);
    }

    [Fact]
    public void Bind_schema_uses_stored_names_and_the_protocol_type_grammar()
    {
        var schema = Device.Classes.Select(t => SchemaRegistry.TryGet(t, out var s) ? s : throw new InvalidOperationException(t.Name)).ToList();

        var classes = SyncSchema.ToProtocol(schema).ToDictionary(c => c.Name);

        var item = classes["Item"];
        Assert.Equal("_id", item.PrimaryKey);
        Assert.Equal(Protocol.Sync.ClassKind.TopLevel, item.Kind);
        var types = item.Properties.ToDictionary(p => p.Name, p => p.Type);
        Assert.Equal("objectid", types["_id"]);
        Assert.Equal("string", types["Name"]);
        Assert.Equal("int", types["Quantity"]);
        Assert.Equal("counter", types["Score"]);
        Assert.Equal("list<string>", types["Tags"]);
        Assert.Equal("set<int>", types["Numbers"]);
        Assert.Equal("dictionary<int>", types["Counts"]);
        Assert.Equal("link:Owner", types["Owner"]);
        Assert.Equal("embedded:Address", types["Address"]);
        Assert.Equal(Protocol.Sync.ClassKind.Embedded, classes["Address"].Kind);
        Assert.Equal("", classes["Address"].PrimaryKey);
        Assert.Equal("string?", classes["Address"].Properties.Single(p => p.Name == "City").Type);
        Assert.Equal("data", classes["Blob"].Properties.Single(p => p.Name == "Data").Type);
    }

    [Fact]
    public void Progress_reports_are_clamped_monotonic_and_outstanding_registrations_finish_once()
    {
        var recorder = new ProgressRecorder();
        var completions = 0;
        var notifier = new ProgressNotifier(recorder.Record, ProgressDirection.Download, ProgressMode.ForCurrentlyOutstandingWork, () => completions++) { Baseline = 100 };

        notifier.Report(150, 300, complete: false);
        notifier.Report(140, 250, complete: false);   // lower values than before: clamped
        notifier.Report(300, 300, complete: true);
        notifier.Report(400, 500, complete: true);    // after the end: ignored

        recorder.AssertMonotonic();
        Assert.Equal([new SyncProgress(50, 200, 0.25), new SyncProgress(200, 200, 1.0)], recorder.Reports);
        Assert.Equal(1, completions);
    }

    [Fact]
    public async Task Serial_dispatcher_runs_callbacks_in_order_on_the_captured_context_and_survives_a_throwing_one()
    {
        var context = new RecordingContext();
        var dispatcher = new SerialDispatcher(context);
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        for (var i = 0; i < 50; i++)
        {
            var n = i;
            dispatcher.Post(() =>
            {
                Assert.Same(context, SynchronizationContext.Current);
                order.Enqueue(n);
            });
        }

        dispatcher.Post(() => throw new InvalidOperationException("a handler fails"));
        dispatcher.Post(done.SetResult);
        await done.Task.WaitAsync(SyncHelpers.Deadline);

        Assert.Equal(Enumerable.Range(0, 50), order);
        Assert.True(context.Posts >= 1);
    }

    private sealed class RecordingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => _posts;

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                var previous = Current;
                SetSynchronizationContext(this);
                try
                {
                    d(state);
                }
                finally
                {
                    SetSynchronizationContext(previous);
                }
            });
        }
    }
}
