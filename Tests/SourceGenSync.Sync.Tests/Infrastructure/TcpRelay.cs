using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Sync.Tests.Infrastructure;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the server: each accepted connection gets its own connection to the
/// server, and a subclass decides what passes in each direction. Every connection open at a moment can be marked
/// (<see cref="MarkOpenConnections"/>) so that its pumps start to treat it differently; new connections are unmarked.
/// </summary>
internal abstract class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly bool _refuseWhileTargetDown;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Connection> _connections = [];
    private readonly Task _accepting;

    /// <param name="target">The server's address (only its port is used).</param>
    /// <param name="refuseWhileTargetDown">When the server cannot be reached, close the accepted connection and keep
    /// accepting; otherwise the relay stops accepting.</param>
    protected TcpRelay(Uri target, bool refuseWhileTargetDown)
    {
        _targetPort = target.Port;
        _refuseWhileTargetDown = refuseWhileTargetDown;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Connections relayed so far.</summary>
    public int Accepted { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        _stop.Dispose();
    }

    /// <summary>Marks every connection open now.</summary>
    protected void MarkOpenConnections()
    {
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Marked = true;
            }
        }
    }

    /// <summary>Relays what the client sends on <paramref name="connection"/> until either side ends.</summary>
    protected abstract Task PumpClientToServerAsync(Connection connection, NetworkStream from, NetworkStream to, CancellationToken cancellationToken);

    /// <summary>Relays what the server sends on <paramref name="connection"/> until either side ends.</summary>
    protected abstract Task PumpServerToClientAsync(Connection connection, NetworkStream from, NetworkStream to, CancellationToken cancellationToken);

    /// <summary>Whether a connection whose pump has ended stays open (by default both sockets are closed).</summary>
    protected virtual bool KeepsOpenWhenEnded(Connection connection) => false;

    /// <summary>Copies bytes as they are read until <paramref name="from"/> ends; each chunk is written only if
    /// <paramref name="passes"/> says so, and then reported to <paramref name="written"/>.</summary>
    protected static async Task CopyAsync(NetworkStream from, NetworkStream to, Func<bool> passes, Action<int>? written, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (passes())
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written?.Invoke(read);
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException) when (_refuseWhileTargetDown)
            {
                // The server is down: refuse this connection, keep accepting.
                upstream.Dispose();
                client.Dispose();
                continue;
            }

            var connection = new Connection(client, upstream);
            lock (_connections)
            {
                _connections.Add(connection);
                Accepted++;
            }

            _ = RunAsync(PumpClientToServerAsync, connection, client.GetStream(), upstream.GetStream());
            _ = RunAsync(PumpServerToClientAsync, connection, upstream.GetStream(), client.GetStream());
        }
    }

    private async Task RunAsync(
        Func<Connection, NetworkStream, NetworkStream, CancellationToken, Task> pump, Connection connection, NetworkStream from, NetworkStream to)
    {
        try
        {
            await pump(connection, from, to, _stop.Token);
        }
        catch (Exception e) when (e is System.IO.IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The relay ends with either side.
        }

        if (!KeepsOpenWhenEnded(connection))
        {
            connection.Dispose();
        }
    }

    /// <summary>One relayed connection: the client's socket and the one to the server.</summary>
    protected sealed class Connection(TcpClient client, TcpClient upstream) : IDisposable
    {
        /// <summary>Set by <see cref="MarkOpenConnections"/>; what it means is up to the subclass.</summary>
        public volatile bool Marked;

        public void Dispose()
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
