namespace RelayMesos.Host.Web;

/// <summary>The web UI's address is taken by another process; the message says which settings move it.</summary>
public sealed class WebPortInUseException : IOException
{
    public WebPortInUseException(WebSettings settings, Exception? innerException = null)
        : base(
            $"the web UI cannot listen on {settings.Bind}:{settings.Port}: the port is already in use. "
            + "Set relay.web.port (0 picks any free port) or relay.web.bind, e.g. --set relay.web.port=8081, or relay.web.enabled = false.",
            innerException)
    {
    }
}
