using Microsoft.Extensions.Configuration;
using RelayMesos.Hocon;

namespace RelayMesos.Host.Web;

/// <summary><c>relay.web.*</c>: where the web UI and HTTP API listen, and the operator token file.</summary>
public sealed record WebSettings(bool Enabled, string Bind, int Port, string TokenFile)
{
    /// <exception cref="ConfigurationValueException">A setting is invalid.</exception>
    public static WebSettings From(IConfiguration config)
    {
        var port = config.GetInt("relay.web.port");
        if (port is < 0 or > 65535)
        {
            throw new ConfigurationValueException("relay.web.port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "a port from 0 (any free port) to 65535");
        }

        var bind = config.GetString("relay.web.bind");
        if (bind != "localhost" && !System.Net.IPAddress.TryParse(bind, out _))
        {
            throw new ConfigurationValueException("relay.web.bind", bind, "an IP address such as 127.0.0.1 or 0.0.0.0, or localhost");
        }

        return new WebSettings(config.GetBool("relay.web.enabled"), bind, port, config.GetString("relay.web.token-file"));
    }
}
