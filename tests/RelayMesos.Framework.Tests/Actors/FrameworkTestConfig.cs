using Akka.Configuration;
using RelayMesos.TestKit;

namespace RelayMesos.Framework.Tests.Actors;

/// <summary>
/// The actor tests' Akka configuration: in-memory journal and snapshots, the framework's serializer bound as in
/// akka.hocon, and expectation timeouts stretched by RELAYMESOS_TEST_TIME_FACTOR for a loaded machine.
/// </summary>
internal static class FrameworkTestConfig
{
    public static Config Config { get; } = ConfigurationFactory.ParseString(
        $$"""
        akka.loglevel = WARNING
        akka.test.timefactor = {{TestTimeFactor.Factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
        akka.test.single-expect-default = 5s
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.actor.serializers.relay-events = "RelayMesos.Framework.Persistence.FrameworkEventSerializer, RelayMesos.Framework"
        akka.actor.serialization-bindings {
          "RelayMesos.Framework.Persistence.IJournaledMessage, RelayMesos.Framework" = relay-events
        }
        """);
}
