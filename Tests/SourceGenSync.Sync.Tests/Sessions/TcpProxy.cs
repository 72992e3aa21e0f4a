using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SourceGenSync.Sync.Tests.Infrastructure;

namespace SourceGenSync.Sync.Tests.Sessions;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the server that can turn the connections it carries into black holes: the
/// sockets stay open but nothing passes any more, as when a network path dies silently (no FIN, no RST). Only the
/// client's keepalive and read timeout can notice that. New connections pass normally.
/// </summary>
internal sealed class TcpProxy : TcpRelay
{
    private TcpProxy(Uri target)
        : base(target, refuseWhileTargetDown: false)
    {
    }

    public static TcpProxy Start(Uri target) => new(target);

    /// <summary>Every connection open now stops passing data (and stays open).</summary>
    public void BlackHoleOpenConnections() => MarkOpenConnections();

    protected override Task PumpClientToServerAsync(Connection connection, NetworkStream from, NetworkStream to, CancellationToken cancellationToken) =>
        CopyAsync(from, to, () => !connection.Marked, written: null, cancellationToken);

    protected override Task PumpServerToClientAsync(Connection connection, NetworkStream from, NetworkStream to, CancellationToken cancellationToken) =>
        CopyAsync(from, to, () => !connection.Marked, written: null, cancellationToken);

    /// <summary>A black-holed connection stays open whatever happens to it.</summary>
    protected override bool KeepsOpenWhenEnded(Connection connection) => connection.Marked;
}
