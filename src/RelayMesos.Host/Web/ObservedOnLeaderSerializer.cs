using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace RelayMesos.Host.Web;

/// <summary>
/// Carries an observed event to the other instances as JSON, its type named in the manifest. Akka's default
/// (Newtonsoft with reference handling) could not read a <c>TaskTableChanged</c> back (an immutable dictionary), so a
/// standby's task table never moved. Only the event types <see cref="ObserverBridge"/> forwards are read back: a
/// manifest naming anything else is refused, never instantiated. A standby's <see cref="ReplayObserved"/> request travels
/// here too, as an empty body.
/// </summary>
public sealed class ObservedOnLeaderSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka reserves 0–100; nothing stores these bytes, but every member of a cluster must agree on the number.</summary>
    public const int SerializerId = 4141;

    // Not a type name, so no forwarded event's manifest can be it.
    private const string ReplayManifest = "replay";

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly Dictionary<string, Type> Forwarded =
        ObserverBridge.Channels.ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        ObservedOnLeader observed => observed.Event.GetType().FullName!,
        ReplayObserved => ReplayManifest,
        _ => throw Unexpected(o),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        ObservedOnLeader observed => JsonSerializer.SerializeToUtf8Bytes(observed.Event, observed.Event.GetType(), Json),
        ReplayObserved => [],
        _ => throw Unexpected(obj),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest == ReplayManifest)
        {
            return ReplayObserved.Instance;
        }

        if (!Forwarded.TryGetValue(manifest, out var type))
        {
            throw new System.Runtime.Serialization.SerializationException($"An observed event of type '{manifest}' is not one this instance forwards.");
        }

        return new ObservedOnLeader(JsonSerializer.Deserialize(bytes, type, Json)
            ?? throw new System.Runtime.Serialization.SerializationException($"An observed '{manifest}' event was empty."));
    }

    private static ArgumentException Unexpected(object o) =>
        new($"{nameof(ObservedOnLeaderSerializer)} serializes {nameof(ObservedOnLeader)} and {nameof(ReplayObserved)} only, not {o.GetType()}.", nameof(o));
}
