using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SourceGenSync.Sync.Tests.Durability;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the server that understands just enough HTTP/2 (cleartext, prior knowledge)
/// to lose the server's messages on chosen connections: after <see cref="DropServerMessagesOnOpenConnections"/> the
/// server→client DATA frames of the connections open at that moment are discarded, while every other frame
/// (SETTINGS, WINDOW_UPDATE, PING, HEADERS) and the client→server direction pass. The client's uploads still reach
/// the server and are integrated, but their acknowledgements never arrive: the state an app is in when it dies
/// after the server took its changes and before it heard so. New connections (a restarted app) pass normally, and
/// a connection is refused while the server is down.
/// </summary>
internal sealed class AckDroppingProxy : IAsyncDisposable
{
    private const int FrameHeaderLength = 9;
    private const byte DataFrame = 0;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Relay> _relays = [];
    private readonly Task _accepting;
    private int _droppedFrames;
    private long _clientBytes;

    private AckDroppingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Server DATA frames discarded so far.</summary>
    public int DroppedFrames => Volatile.Read(ref _droppedFrames);

    /// <summary>Bytes relayed from clients to the server so far (all connections).</summary>
    public long ClientBytes => Interlocked.Read(ref _clientBytes);

    public static AckDroppingProxy Start(Uri target) => new(target.Port);

    /// <summary>From now on, the connections open now deliver nothing the server sends in DATA frames.</summary>
    public void DropServerMessagesOnOpenConnections()
    {
        lock (_relays)
        {
            foreach (var relay in _relays)
            {
                relay.DropServerData = true;
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
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                // The server is down: refuse this connection, keep accepting.
                upstream.Dispose();
                client.Dispose();
                continue;
            }

            var relay = new Relay(client, upstream);
            lock (_relays)
            {
                _relays.Add(relay);
            }

            _ = RelayClientBytesAsync(relay, client.GetStream(), upstream.GetStream());
            _ = RelayServerFramesAsync(relay, upstream.GetStream(), client.GetStream());
        }
    }

    private async Task RelayClientBytesAsync(Relay relay, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                Interlocked.Add(ref _clientBytes, read);
            }
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            // The relay ends with either side.
        }

        relay.Dispose();
    }

    /// <summary>The server side of an h2c connection is a sequence of frames from its first byte: 3-byte length,
    /// type, flags, 4-byte stream id, then the payload.</summary>
    private async Task RelayServerFramesAsync(Relay relay, NetworkStream from, NetworkStream to)
    {
        var header = new byte[FrameHeaderLength];
        var payload = new byte[16 * 1024];
        try
        {
            while (true)
            {
                await from.ReadExactlyAsync(header, _stop.Token);
                var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(header) >> 8);
                if (payload.Length < length)
                {
                    payload = new byte[length];
                }

                await from.ReadExactlyAsync(payload.AsMemory(0, length), _stop.Token);
                if (header[3] == DataFrame && relay.DropServerData)
                {
                    Interlocked.Increment(ref _droppedFrames);
                    continue;
                }

                await to.WriteAsync(header, _stop.Token);
                await to.WriteAsync(payload.AsMemory(0, length), _stop.Token);
            }
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            // The relay ends with either side.
        }

        relay.Dispose();
    }

    private static bool IsConnectionEnd(Exception e) =>
        e is System.IO.IOException or OperationCanceledException or ObjectDisposedException or SocketException;

    private sealed class Relay(TcpClient client, TcpClient upstream) : IDisposable
    {
        public volatile bool DropServerData;

        public void Dispose()
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
