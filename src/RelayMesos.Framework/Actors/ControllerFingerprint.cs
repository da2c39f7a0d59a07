using System.Security.Cryptography;
using System.Text;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// A short digest of a controller state (error window, ramp, cooldowns, last decision), logged when a new leader
/// recovers it, so an operator or a failover test can check that two instances hold the same history without
/// printing a thousand errors.
/// </summary>
public static class ControllerFingerprint
{
    public static string Of(ControllerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state.ToJson())))[..16];
    }
}
