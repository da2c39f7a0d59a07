using System.Security.Cryptography;
using System.Text;
using RelayMesos.Hocon;

namespace RelayMesos.Host.Web;

/// <summary>
/// The bearer token that guards operator actions, read once at start. It is compared in constant time and
/// never formatted anywhere: <see cref="ToString"/> hides it so a stray log call cannot leak it.
/// </summary>
public sealed class OperatorToken
{
    private readonly byte[] _secret;

    private OperatorToken(byte[] secret) => _secret = secret;

    /// <summary>Null when no token file is configured (operator actions disabled).</summary>
    /// <exception cref="ConfigurationValueException">The file cannot be read or holds no token.</exception>
    public static OperatorToken? Load(string tokenFile)
    {
        if (tokenFile.Length == 0)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(tokenFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationValueException("relay.web.token-file", tokenFile, $"a readable file holding the operator token ({ex.GetType().Name})");
        }

        var token = text.Trim();
        if (token.Length == 0)
        {
            throw new ConfigurationValueException("relay.web.token-file", tokenFile, "a file holding a non-empty token");
        }

        return new OperatorToken(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>True when <paramref name="authorization"/> is <c>Bearer &lt;token&gt;</c> with this token.</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var offered = Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(offered, _secret);
    }

    public override string ToString() => "OperatorToken(***)";
}
