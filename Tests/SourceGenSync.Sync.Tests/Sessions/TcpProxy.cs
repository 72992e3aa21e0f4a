using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the server that can turn the connections it carries into black holes: the
/// sockets stay open but nothing passes any more, as when a network path dies silently (no FIN, no RST). Only the
/// client's keepalive and read timeout can notice that. New connections pass normally.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Relay> _relays = [];
    private readonly Task _accepting;

    private TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    public int Accepted { get; private set; }

    public static TcpProxy Start(Uri target) => new(target.Port);

    /// <summary>Every connection open now stops passing data (and stays open).</summary>
    public void BlackHoleOpenConnections()
    {
        lock (_relays)
        {
            foreach (var relay in _relays)
            {
                relay.BlackHoled = true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_relays)
        {
            foreach (var relay in _relays)
            {
                relay.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            var relay = new Relay(client, upstream);
            lock (_relays)
            {
                _relays.Add(relay);
                Accepted++;
            }

            _ = PumpAsync(relay, client.GetStream(), upstream.GetStream());
            _ = PumpAsync(relay, upstream.GetStream(), client.GetStream());
        }
    }

    private async Task PumpAsync(Relay relay, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                if (!relay.BlackHoled)
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is System.IO.IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The relay ends with either side.
        }

        if (!relay.BlackHoled)
        {
            relay.Dispose();
        }
    }

    private sealed class Relay(TcpClient client, TcpClient upstream) : IDisposable
    {
        public volatile bool BlackHoled;

        public void Dispose()
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
