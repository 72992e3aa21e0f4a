using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SourceGenSync.Protocol.Tests.Merge.Simulation;

/// <summary>How a simulation run is shaped; everything else comes from <see cref="Seed"/>.</summary>
internal sealed record SimulationOptions(int Seed, int Clients, int Steps, int OfflinePercent = 8);

/// <summary>
/// Several clients and one server exchanging messages in a random order decided by the seed: local writes (online
/// or offline), uploads (one in flight per client), the server integrating uploads, the per-session sender
/// delivering history in order, connections dropping (losing what was in transit) and coming back. Then everyone
/// reconnects and the network drains; <see cref="Run"/> returns a description of every way the replicas disagree
/// with the server (empty when they converged).
/// </summary>
internal sealed class SyncSimulation
{
    private readonly SimulationOptions _options;
    private readonly Random _random;
    private readonly SimulatedServer _server = new();
    private readonly List<SimulatedClient> _clients = [];
    private readonly Dictionary<long, long> _sessionCursor = [];         // what each session's sender has sent
    private readonly Dictionary<long, UploadMessage> _inTransit = [];    // uploads sent and not yet received
    private readonly long[] _clockSkew;
    private long _now;

    public SyncSimulation(SimulationOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _clockSkew = new long[options.Clients];
        for (var i = 0; i < options.Clients; i++)
        {
            var file = i + 1L;
            _clients.Add(new SimulatedClient(file, new RandomOperations(new Random(options.Seed * 31 + i))));
            _sessionCursor[file] = 0;
            _clockSkew[i] = _random.Next(0, 40); // clocks disagree, so LWW winners are not simply "who wrote last"
        }
    }

    public SimulatedServer Server => _server;

    public IReadOnlyList<SimulatedClient> Clients => _clients;

    public string Run()
    {
        for (var step = 0; step < _options.Steps; step++)
        {
            RandomStep();
        }

        Drain();
        return Differences();
    }

    private void RandomStep()
    {
        _now += 4;
        var client = _clients[_random.Next(_clients.Count)];
        var roll = _random.Next(100);
        if (roll < 35)
        {
            client.Write(_now + _clockSkew[client.FileIdent - 1]);
        }
        else if (roll < 50)
        {
            Send(client.StartUpload());
        }
        else if (roll < 65)
        {
            if (_inTransit.Count > 0)
            {
                var file = _inTransit.Keys.ElementAt(_random.Next(_inTransit.Count));
                _server.Receive(_inTransit[file]);
                _inTransit.Remove(file);
            }
        }
        else if (roll < 100 - _options.OfflinePercent)
        {
            // Deliver a burst of the session's history, in order.
            var burst = 1 + _random.Next(3);
            for (var i = 0; i < burst; i++)
            {
                Deliver(client);
            }
        }
        else if (client.Connected)
        {
            client.Connected = false;
            _inTransit.Remove(client.FileIdent); // a dropped connection loses the upload in transit
        }
        else
        {
            Reconnect(client);
        }
    }

    private void Reconnect(SimulatedClient client)
    {
        _sessionCursor[client.FileIdent] = client.ServerVersion; // Bind carries the download cursor
        Send(client.Reconnect());
    }

    private void Send(UploadMessage? upload)
    {
        if (upload is not null)
        {
            _inTransit[upload.FileIdent] = upload;
        }
    }

    private bool Deliver(SimulatedClient client)
    {
        var cursor = _sessionCursor[client.FileIdent];
        if (!client.Connected || cursor >= _server.Head)
        {
            return false;
        }

        _sessionCursor[client.FileIdent] = cursor + 1;
        client.Receive(_server.Download(client.FileIdent, cursor + 1));
        return true;
    }

    private void Drain()
    {
        foreach (var client in _clients.Where(c => !c.Connected))
        {
            Reconnect(client);
        }

        for (var round = 0; round < 10_000; round++)
        {
            var progressed = false;
            foreach (var upload in _inTransit.Values.ToList())
            {
                _server.Receive(upload);
                _inTransit.Remove(upload.FileIdent);
                progressed = true;
            }

            foreach (var client in _clients)
            {
                while (Deliver(client))
                {
                    progressed = true;
                }

                if (client.StartUpload() is { } upload)
                {
                    Send(upload);
                    progressed = true;
                }
            }

            if (!progressed)
            {
                return;
            }
        }

        throw new InvalidOperationException("the network did not drain");
    }

    private string Differences()
    {
        var report = new StringBuilder();
        if (_server.Skipped > 0)
        {
            report.AppendLine($"server skipped {_server.Skipped} instructions");
        }

        foreach (var dangling in ReplicaView.DanglingLinks(_server.State))
        {
            report.AppendLine($"server holds a dangling link: {dangling}");
        }

        foreach (var client in _clients)
        {
            if (client.HasWork)
            {
                report.AppendLine($"client {client.FileIdent} still has {client.InFlight.Count} in flight and {client.Pending.Count} pending");
            }

            if (client.Skipped > 0)
            {
                report.AppendLine($"client {client.FileIdent} skipped {client.Skipped} instructions");
            }

            if (!client.Replica.Equals(_server.State))
            {
                report.AppendLine($"client {client.FileIdent} differs from the server:");
                report.AppendLine("  client:");
                report.Append(Indent(client.Replica.Dump()));
                report.AppendLine("  server:");
                report.Append(Indent(_server.State.Dump()));
            }
        }

        return report.Length == 0 ? "" : $"{_options}: {report}";
    }

    private static string Indent(string lines) =>
        string.Concat(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n"));
}
