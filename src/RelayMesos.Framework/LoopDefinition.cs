using System.Security.Cryptography;
using System.Text;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Framework.Settings;

namespace RelayMesos.Framework;

/// <summary>Everything one control loop runs on: its settings (per-loop keys its own), controller, sources and failure policy.</summary>
/// <param name="Definition">
/// The loop's HOCON as its origin states it (its own block of the configuration file, or the text an operator applied),
/// shown by <c>relay-mesos loops show</c>; its <see cref="Fingerprint"/> tells whether the file's loop changed since a
/// runtime change.
/// </param>
public sealed record LoopDefinition(FrameworkSettings Settings, ControllerSettings Controller, LoopSources Sources, FailurePolicySettings Policy, string Definition = "")
{
    public string Name => Settings.Loop;

    public string Fingerprint => FingerprintOf(Definition);

    public static string FingerprintOf(string definition) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition)))[..32];
}
