using System.Net;
using System.Net.Sockets;

namespace RelayMesos.Host.Web;

/// <summary>
/// Tries the web UI's address before anything starts: a taken port found only when the web server binds would
/// come after the framework has registered and launched tasks.
/// </summary>
public static class WebPortCheck
{
    public static IPAddress Address(WebSettings settings) =>
        settings.Bind == "localhost" ? IPAddress.Loopback : IPAddress.Parse(settings.Bind);

    /// <exception cref="WebPortInUseException">Another process listens there.</exception>
    public static void EnsureFree(WebSettings settings)
    {
        if (!settings.Enabled || settings.Port == 0)
        {
            return;
        }

        using var socket = new Socket(Address(settings).AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // As Kestrel binds: a port left in TIME_WAIT by our own last run is free, one another process listens on is not.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(Address(settings), settings.Port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new WebPortInUseException(settings, ex);
        }
    }
}
