using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>
/// Reads the scheduler base URI (http://host:port) from the <c>MasterInfo</c> JSON a Mesos master
/// writes into its znode: <c>address.ip</c> or <c>address.hostname</c> with <c>address.port</c>, else the
/// deprecated <c>hostname</c>, or <c>ip</c> (IPv4 as a uint32 in network byte order), with <c>port</c>.
/// </summary>
internal static class MesosMasterInfoJson
{
    private const int DefaultMasterPort = 5050;

    /// <exception cref="FormatException">The data is not MasterInfo JSON or names no usable address.</exception>
    public static Uri ParseBaseUri(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"MasterInfo is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"MasterInfo must be a JSON object, found {root.ValueKind}.");
            }

            if (root.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.Object)
            {
                var host = NonEmptyString(address, "ip") ?? NonEmptyString(address, "hostname");
                if (host is not null)
                {
                    return BuildUri(host, Port(address, "address.port"));
                }
            }

            var port = Port(root, "port");
            if (NonEmptyString(root, "hostname") is { } hostname)
            {
                return BuildUri(hostname, port);
            }

            if (root.TryGetProperty("ip", out var ip) && ip.ValueKind == JsonValueKind.Number && ip.TryGetUInt32(out var packed) && packed != 0)
            {
                return BuildUri(FromNetworkOrder(packed), port);
            }

            throw new FormatException("MasterInfo has no address.ip, address.hostname, hostname or ip.");
        }
    }

    /// <summary>Mesos stores in_addr.s_addr as a uint32: its least significant byte is the first octet.</summary>
    internal static string FromNetworkOrder(uint packed) => string.Create(
        CultureInfo.InvariantCulture,
        $"{packed & 0xFF}.{(packed >> 8) & 0xFF}.{(packed >> 16) & 0xFF}.{packed >> 24}");

    private static string? NonEmptyString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static int Port(JsonElement element, string description)
    {
        var name = description[(description.LastIndexOf('.') + 1)..];
        if (!element.TryGetProperty(name, out var value))
        {
            return DefaultMasterPort;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"MasterInfo {description} is {value.GetRawText()}, expected a port from 1 to 65535.");
        }

        return port;
    }

    private static Uri BuildUri(string host, int port)
    {
        if (IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            host = $"[{address}]";
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new FormatException($"MasterInfo names host '{host}', which is not a valid host name or IP address.");
        }

        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/"));
    }
}
