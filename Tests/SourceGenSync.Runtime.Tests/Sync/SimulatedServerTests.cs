using System;
using System.Collections.Generic;
using System.Linq;
using SourceGenSync.Changesets;
using SourceGenSync.Internal.Sync;
using SourceGenSync.Merge;
using SourceGenSync.Protocol.Sync;

namespace SourceGenSync.Runtime.Tests.Sync;

/// <summary>
/// Three client files and a simulated server (one history, the server-side transform, downloads with the in-order
/// ack and each changeset's ack-before, one upload in flight per client), driven in a random order: after everything is delivered, every client
/// file holds what the server's history gives when applied to a fresh file.
/// </summary>
public sealed class SimulatedServerTests : IDisposable
{
    private readonly SyncTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private sealed record Entry(long ServerVersion, long Origin, Changeset Changeset);

    private sealed class Client(string name, long ident, SyncStateStore store)
    {
        public string Name { get; } = name;

        public long Ident { get; } = ident;

        public SyncStateStore Store { get; } = store;

        public long InFlightTarget { get; set; }
    }

    private readonly List<Entry> _history = [];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    public void Clients_converge_through_a_simulated_server(int seed)
    {
        using (var realm = _files.Open("seed"))
        {
            RandomConvergenceTests.Seed(realm);
        }

        foreach (var changeset in _files.ChangeLog("seed"))
        {
            _history.Add(new Entry(_history.Count + 1, 1, changeset));
        }

        var clients = Enumerable.Range(0, 3).Select(i => new Client("c" + i, 2 + i, _files.Store("c" + i, 2 + i))).ToList();
        var random = new Random(seed);
        for (var step = 0; step < 120; step++)
        {
            var client = clients[random.Next(clients.Count)];
            switch (random.Next(4))
            {
                case 3:
                    // The connection dropped (or the app restarted) before the ack arrived: the next Bind tells the
                    // client what the server integrated, and it uploads from there without downloading first.
                    client.InFlightTarget = 0;
                    break;
                case 0:
                    using (var realm = _files.Open(client.Name))
                    {
                        RandomConvergenceTests.RandomWrites(realm, random, client.Name + "s" + step);
                    }

                    break;
                case 1:
                    Upload(client);
                    break;
                default:
                    Deliver(client, random);
                    break;
            }
        }

        // Drain: deliver and upload until nothing is left anywhere.
        for (var round = 0; round < 10; round++)
        {
            foreach (var client in clients)
            {
                Deliver(client, random);
                Upload(client);
            }
        }

        foreach (var client in clients)
        {
            Deliver(client, random);
            Assert.Empty(client.Store.ReadUploadable(0, 10, int.MaxValue));
        }

        Assert.Equal(0, _files.ApplyTo("server", _history.SelectMany(e => e.Changeset.Instructions)));
        var expected = _files.Dump("server");
        Assert.True(_history.Count > 12, $"only {_history.Count} history entries: the clients did not exchange anything");
        foreach (var client in clients)
        {
            Assert.Equal(expected, _files.Dump(client.Name));
        }
    }

    /// <summary>
    /// Uploads when nothing is in flight, after what the server has integrated (Bound's ack after a reconnect); the
    /// server transforms against what the client has not seen (other files' changesets after its cursor).
    /// </summary>
    private void Upload(Client client)
    {
        var state = client.Store.ReadState();
        if (client.InFlightTarget > state.UploadAck)
        {
            return;
        }

        var serverAck = _history.Where(e => e.Origin == client.Ident).Select(e => e.Changeset.Version).DefaultIfEmpty(0).Max();
        var parts = client.Store.ReadUploadable(Math.Max(state.UploadAck, serverAck), 100, 4 << 20);
        if (parts.Count == 0)
        {
            return;
        }

        client.InFlightTarget = parts[^1].ClientVersion;
        var upload = parts.Select(p => new OriginChangeset(ChangesetCodec.Decode(p.Data.Span), client.Ident)).ToList();
        var concurrent = _history.Where(e => e.ServerVersion > state.DownloadCursor && e.Origin != client.Ident).ToList();
        var transformed = ChangesetTransformer.Transform(upload, concurrent.Select(e => new OriginChangeset(e.Changeset, e.Origin)).ToList()).Left;
        foreach (var changeset in transformed)
        {
            _history.Add(new Entry(_history.Count + 1, client.Ident, changeset.Changeset));
        }
    }

    /// <summary>
    /// Sends the client everything after its cursor as one batch, as the server walks it: own changesets are not
    /// sent but advance the ack; messages hold a few changesets each whatever lies between them (one message may
    /// pass several own changesets), and each changeset carries the ack as it stood before it.
    /// </summary>
    private void Deliver(Client client, Random random)
    {
        var cursor = client.Store.ReadState().DownloadCursor;
        var own = _history.Where(e => e.Origin == client.Ident && e.ServerVersion <= cursor).ToList();
        long ack = own.Count == 0 ? 0 : own[^1].Changeset.Version, ackAt = 0;
        var batch = new List<Download>();
        var pending = new List<(Entry Entry, long AckBefore)>();
        var perMessage = random.Next(1, 6);
        foreach (var entry in _history.Where(e => e.ServerVersion > cursor))
        {
            if (entry.Origin == client.Ident)
            {
                (ack, ackAt) = (entry.Changeset.Version, entry.ServerVersion);
                continue;
            }

            pending.Add((entry, ack));
            if (pending.Count == perMessage)
            {
                batch.Add(Message(pending, entry.ServerVersion, ack, ackAt));
                pending.Clear();
            }
        }

        batch.Add(Message(pending, _history.Count, ack, ackAt));
        var result = client.Store.Integrate(batch);
        Assert.Equal(0, result.InstructionsSkipped);
        Assert.Equal(_history.Count, result.DownloadCursor);
    }

    private static Download Message(List<(Entry Entry, long AckBefore)> entries, long serverVersion, long ack, long ackAt) =>
        SyncTestFiles.WithAcksBefore(
            SyncTestFiles.DownloadOf(entries.Select(e => (e.Entry.ServerVersion, e.Entry.Origin, e.Entry.Changeset)), serverVersion, ack, ackAt),
            [.. entries.Select(e => e.AckBefore)]);
}
