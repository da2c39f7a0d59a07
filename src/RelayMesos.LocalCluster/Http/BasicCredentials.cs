using System.Security.Cryptography;
using System.Text;

namespace RelayMesos.LocalCluster.Http;

/// <summary>Checks HTTP basic credentials against configured principals without leaking timing or secrets.</summary>
internal static class BasicCredentials
{
    public const string Challenge = "Basic realm=\"mesos-master-scheduler\"";

    /// <returns>The authenticated principal, or null when the header is missing, malformed or wrong.</returns>
    public static string? Authenticate(string? authorization, IReadOnlyDictionary<string, string> credentials)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var principal = decoded[..colon];
        return credentials.TryGetValue(principal, out var secret)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(decoded[(colon + 1)..]))
            ? principal
            : null;
    }
}
