using Akka.Configuration;
using RelayMesos.TestKit;

namespace RelayMesos.Framework.Tests.Actors;

/// <summary>
/// The actor tests' Akka configuration: Akka.Persistence.TestKit's journal (in memory, and able to fail or reject
/// writes on demand), in-memory snapshots, the framework's serializer bound as in akka.hocon, and expectation
/// timeouts stretched by RELAYMESOS_TEST_TIME_FACTOR for a loaded machine.
/// </summary>
internal static class FrameworkTestConfig
{
    public static Config Config { get; } = ConfigurationFactory.ParseString(
        $$"""
        akka.loglevel = WARNING
        akka.test.timefactor = {{TestTimeFactor.Factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
        akka.test.single-expect-default = 5s
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.actor.serializers.relay-events = "RelayMesos.Framework.Persistence.FrameworkEventSerializer, RelayMesos.Framework"
        akka.actor.serialization-bindings {
          "RelayMesos.Framework.Persistence.IJournaledMessage, RelayMesos.Framework" = relay-events
        }
        """);
}
