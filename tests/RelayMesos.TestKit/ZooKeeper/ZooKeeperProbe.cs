using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RelayMesos.TestKit.ZooKeeper;

/// <summary>Asks a ZooKeeper server on loopback whether it serves ("ruok" → "imok"), the four-letter word its tests whitelist.</summary>
public static class ZooKeeperProbe
{
    public static async Task<bool> AnswersRuokAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("ruok"u8.ToArray(), timeout.Token).ConfigureAwait(false);
            var reply = new byte[4];
            var read = await stream.ReadAtLeastAsync(reply, 4, throwOnEndOfStream: false, timeout.Token).ConfigureAwait(false);
            return read == 4 && Encoding.ASCII.GetString(reply) == "imok";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
