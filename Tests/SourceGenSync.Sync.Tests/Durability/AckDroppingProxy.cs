using System;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;

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
internal sealed class AckDroppingProxy : TcpRelay
{
    private const int FrameHeaderLength = 9;
    private const byte DataFrame = 0;

    private int _droppedFrames;
    private long _clientBytes;

    private AckDroppingProxy(Uri target)
        : base(target, refuseWhileTargetDown: true)
    {
    }

    /// <summary>Server DATA frames discarded so far.</summary>
    public int DroppedFrames => Volatile.Read(ref _droppedFrames);

    /// <summary>Bytes relayed from clients to the server so far (all connections).</summary>
    public long ClientBytes => Interlocked.Read(ref _clientBytes);

    public static AckDroppingProxy Start(Uri target) => new(target);

    /// <summary>From now on, the connections open now deliver nothing the server sends in DATA frames.</summary>
    public void DropServerMessagesOnOpenConnections() => MarkOpenConnections();

    protected override Task PumpClientToServerAsync(Connection connection, NetworkStream from, NetworkStream to, CancellationToken cancellationToken) =>
        CopyAsync(from, to, static () => true, read => Interlocked.Add(ref _clientBytes, read), cancellationToken);

    /// <summary>The server side of an h2c connection is a sequence of frames from its first byte: 3-byte length,
    /// type, flags, 4-byte stream id, then the payload.</summary>
    protected override async Task PumpServerToClientAsync(Connection connection, NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var header = new byte[FrameHeaderLength];
        var payload = new byte[16 * 1024];
        while (true)
        {
            await from.ReadExactlyAsync(header, cancellationToken);
            var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(header) >> 8);
            if (payload.Length < length)
            {
                payload = new byte[length];
            }

            await from.ReadExactlyAsync(payload.AsMemory(0, length), cancellationToken);
            if (header[3] == DataFrame && connection.Marked)
            {
                Interlocked.Increment(ref _droppedFrames);
                continue;
            }

            await to.WriteAsync(header, cancellationToken);
            await to.WriteAsync(payload.AsMemory(0, length), cancellationToken);
        }
    }
}
