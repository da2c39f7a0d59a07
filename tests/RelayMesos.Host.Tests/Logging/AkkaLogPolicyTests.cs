using Akka.Cluster.Tools.Singleton;
using Microsoft.Extensions.Logging;
using RelayMesos.Host.Logging;
using DummyClassForStringSources = Akka.Event.DummyClassForStringSources;

namespace RelayMesos.Host.Tests.Logging;

public sealed class AkkaLogPolicyTests
{
    [Fact]
    public void An_actor_logs_under_its_class_without_generic_arity() =>
        Assert.Equal("Akka.Cluster.Tools.Singleton.ClusterSingletonManager", AkkaLogPolicy.Category(typeof(ClusterSingletonManager), "akka://x/user/framework"));

    [Theory]
    [InlineData("Cluster (akka://relay-mesos)", "Akka.Cluster.Cluster")]
    [InlineData("remoting (akka://relay-mesos)", "Akka.Remote.Remoting")]
    [InlineData("CoordinatedShutdown (akka://relay-mesos)", "Akka.CoordinatedShutdown")]
    [InlineData("", "Akka")]
    public void A_named_source_logs_under_its_subsystem(string source, string category) =>
        Assert.Equal(category, AkkaLogPolicy.Category(typeof(DummyClassForStringSources), source));

    [Theory]
    [InlineData(LogLevel.Debug, "anything", LogLevel.Debug)]
    [InlineData(LogLevel.Information, "Cluster Node [x] - Started up successfully", LogLevel.Debug)]
    [InlineData(LogLevel.Warning, "Cluster Node [x] - Marking node as UNREACHABLE", LogLevel.Warning)]
    [InlineData(LogLevel.Warning, "Lease has been lost. Terminating singleton and trying to re-acquire lease", LogLevel.Information)]
    [InlineData(LogLevel.Warning, "Tried to associate with unreachable remote address [akka.tcp://a@b:1]", LogLevel.Information)]
    [InlineData(LogLevel.Error, "Lease has been lost", LogLevel.Error)]
    public void Akka_keeps_its_level_but_for_chatter_and_reported_consequences(LogLevel akka, string message, LogLevel ours) =>
        Assert.Equal(ours, AkkaLogPolicy.Level(akka, message));
}
