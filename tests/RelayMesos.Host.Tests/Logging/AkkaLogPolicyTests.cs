using Akka.Cluster.Tools.Singleton;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Membership;
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
    [InlineData(LogLevel.Warning, "Cluster Node [x] - Marking node(s) as UNREACHABLE [Member(address = akka.tcp://a@b:1, Uid=1 status = Up, role=[], upNumber=1, version=1.0.0)]. Node roles []", LogLevel.Debug)]
    [InlineData(LogLevel.Warning, "Cluster Node [x] - Scheduled sending of heartbeat was delayed. Previous heartbeat was sent [3001] ms ago, expected interval is [1000] ms.", LogLevel.Warning)]
    [InlineData(LogLevel.Warning, "Lease has been lost. Terminating singleton and trying to re-acquire lease", LogLevel.Information)]
    [InlineData(LogLevel.Warning, "Tried to associate with unreachable remote address [akka.tcp://a@b:1]", LogLevel.Information)]
    [InlineData(LogLevel.Warning, "SBR took decision Akka.Cluster.SBR.DownUnreachable and is downing [akka.tcp://a@b:1], [1] unreachable of [3] members", LogLevel.Information)]
    [InlineData(LogLevel.Warning, "Cluster Node [akka.tcp://a@b:1] - Marking node as TERMINATED [akka.tcp://a@c:2], due to quarantine. Node roles []", LogLevel.Information)]
    [InlineData(LogLevel.Warning, "heartbeat interval is growing too large for address akka.tcp://relay-mesos@127.0.0.1:45549: 2434 millis", LogLevel.Information)]
    [InlineData(LogLevel.Error, "Lease has been lost", LogLevel.Error)]
    public void Akka_keeps_its_level_but_for_chatter_and_reported_consequences(LogLevel akka, string message, LogLevel ours) =>
        Assert.Equal(ours, AkkaLogPolicy.Level(akka, message));

    private const string Trace = "\n   at Akka.Remote.EndpointWriter.PublishAndThrow(Exception reason, LogLevel level, Boolean needToThrow)\n   at Akka.Actor.ActorCell.Invoke(Envelope envelope)";

    /// <summary>Remoting's exception for a peer whose connection closed; internal to Akka.Remote, as Akka throws it.</summary>
    private static Exception Disassociated()
    {
        var type = typeof(Akka.Remote.RemoteTransportException).Assembly.GetType("Akka.Remote.EndpointDisassociatedException", throwOnError: true)!;
        var constructor = type.GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .First(c => c.GetParameters().FirstOrDefault()?.ParameterType == typeof(string));
        return (Exception)constructor.Invoke(["Disassociated", .. constructor.GetParameters().Skip(1).Select(_ => (object?)null)]);
    }

    [Fact]
    public void A_peer_that_died_is_debug_chatter_without_a_trace_in_both_of_remotings_lines()
    {
        // The two lines every survivor logged on each member kill (issue 29), as Akka 1.5.74 words them.
        var warning = AkkaLogPolicy.Judge(
            LogLevel.Warning,
            "Association with remote system akka.tcp://relay-mesos@127.0.0.1:40665 has failed; address is now gated for 5000 ms. Reason is: [Akka.Remote.EndpointDisassociatedException: Disassociated" + Trace + "]",
            cause: null);
        var error = AkkaLogPolicy.Judge(LogLevel.Error, "Disassociated", Disassociated());

        Assert.Equal(new AkkaLogVerdict(LogLevel.Debug, "Association with remote system akka.tcp://relay-mesos@127.0.0.1:40665 has failed; address is now gated for 5000 ms. Reason is: [Akka.Remote.EndpointDisassociatedException: Disassociated]", KeepTrace: false), warning);
        Assert.Equal(new AkkaLogVerdict(LogLevel.Debug, "Disassociated", KeepTrace: false), error);
    }

    [Fact]
    public void An_association_that_failed_for_another_reason_stays_a_warning_but_loses_its_trace()
    {
        var verdict = AkkaLogPolicy.Judge(
            LogLevel.Warning,
            "Association with remote system akka.tcp://a@b:1 has failed; address is now gated for 5000 ms. Reason is: [Akka.Remote.EndpointException: Failed to write message to the transport" + Trace + "]",
            cause: null);

        Assert.Equal(LogLevel.Warning, verdict.Level);
        Assert.Equal("Association with remote system akka.tcp://a@b:1 has failed; address is now gated for 5000 ms. Reason is: [Akka.Remote.EndpointException: Failed to write message to the transport]", verdict.Message);
    }

    [Fact]
    public void A_delayed_heartbeat_is_a_consequence_when_the_whole_process_stood_still()
    {
        // What a thawed member logs (issue 29): the stall's consequences (its lease, its downing) say what it cost.
        const string message = "Cluster Node [akka.tcp://relay-mesos@127.0.0.1:35617] - Scheduled sending of heartbeat was delayed. Previous heartbeat was sent [14069.1435] ms ago, expected interval is [1000] ms. This may cause failure detection to mark members as unreachable.";
        var stall = new ProcessStall(TimeSpan.FromSeconds(38), TimeSpan.FromSeconds(14.1));

        Assert.Equal(LogLevel.Information, AkkaLogPolicy.Judge(LogLevel.Warning, message, cause: null, stall).Level);
        Assert.Equal(LogLevel.Warning, AkkaLogPolicy.Judge(LogLevel.Warning, message, cause: null).Level);
    }

    [Fact]
    public void A_consequence_carries_its_causes_message_instead_of_its_trace() =>
        Assert.Equal(
            new AkkaLogVerdict(LogLevel.Information, "Lease has been lost. Terminating singleton and trying to re-acquire lease: Lease relay-mesos epoch 3 lost: the lease expired", KeepTrace: false),
            AkkaLogPolicy.Judge(LogLevel.Warning, "Lease has been lost. Terminating singleton and trying to re-acquire lease", new InvalidOperationException("Lease relay-mesos epoch 3 lost: the lease expired")));

    [Fact]
    public void An_unexpected_error_keeps_its_trace() =>
        Assert.Equal(
            new AkkaLogVerdict(LogLevel.Error, "Failure during initialization", KeepTrace: true),
            AkkaLogPolicy.Judge(LogLevel.Error, "Failure during initialization", new InvalidOperationException("boom")));

    [Fact]
    public void No_line_below_error_carries_a_trace_or_a_stack_frame_in_its_text()
    {
        var levels = Gen.Elements(LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error);
        var cases = ArbMap.Default.GeneratorFor<NonNull<string>>()
            .Zip(ArbMap.Default.GeneratorFor<bool>(), (text, withCause) => (Text: text.Get, WithCause: withCause))
            .Zip(levels, (c, level) => (c.Text, c.WithCause, Level: level));
        Prop.ForAll(Arb.From(cases), input =>
        {
            var (text, withCause, akka) = input;
            var verdict = AkkaLogPolicy.Judge(akka, text + Trace, withCause ? new InvalidOperationException("cause" + Trace) : null);
            return !verdict.Message.Contains("   at ", StringComparison.Ordinal)
                && !verdict.Message.Contains('\n', StringComparison.Ordinal)
                && (verdict.Level >= LogLevel.Error || !verdict.KeepTrace);
        }).QuickCheckThrowOnFailure();
    }
}
