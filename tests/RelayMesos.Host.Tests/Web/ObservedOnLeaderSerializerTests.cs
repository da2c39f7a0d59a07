using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Host.Web;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Host.Tests.Web;

/// <summary>What a standby's web UI shows of the singleton crosses the wire whole, through Akka's serialization as configured.</summary>
public sealed class ObservedOnLeaderSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("observed", ConfigurationFactory.ParseString("""
        akka.actor.serializers.relay-observed = "RelayMesos.Host.Web.ObservedOnLeaderSerializer, relay-mesos"
        akka.actor.serialization-bindings { "RelayMesos.Host.Web.ObservedOnLeader, relay-mesos" = relay-observed, "RelayMesos.Host.Web.ReplayObserved, relay-mesos" = relay-observed }
        """));

    public void Dispose() => _system.Dispose();

    [Fact]
    public void A_task_table_reaches_a_standby_with_every_task()
    {
        var at = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var task = new TaskRecord("relay-warmer-1", TaskKind.Warmer, "agent-S0", "agent-0",
            new Dictionary<string, string> { ["rack"] = "r0" }, TaskState.TaskRunning, at, RunningSince: at.AddSeconds(1), Healthy: true);
        var changed = new TaskTableChanged(new TaskTable(ImmutableDictionary<string, TaskRecord>.Empty.Add(task.TaskId, task)), new LaunchTally(3, 1), KillsRecorded: 2, At: at);

        var back = Assert.IsType<TaskTableChanged>(RoundTrip(changed));

        var received = Assert.Single(back.Table.Tasks.Values);
        Assert.Equal(task with { Attributes = received.Attributes }, received);
        Assert.Equal("r0", received.Attributes["rack"]);
        Assert.Equal(changed.Recorded, back.Recorded);
        Assert.Equal((2L, at), (back.KillsRecorded, back.At));
    }

    [Fact]
    public void A_decision_with_a_non_finite_error_weight_still_crosses()
    {
        var decision = new DecisionMade(
            new ControllerInput(2, 1, DateTimeOffset.UnixEpoch, RunningWarmers: 1), new ControllerDecision(1, 1, double.NaN, 0.5, DecisionReason.ControlLaw), 1, 42);

        var back = Assert.IsType<DecisionMade>(RoundTrip(decision));

        Assert.Equal((42L, 1, 1), (back.Step, back.Decision.Mv, back.Input.RunningWarmers));
        Assert.True(double.IsNaN(back.Decision.Weight));
    }

    [Fact]
    public void A_loop_that_ended_and_a_standbys_request_for_a_replay_cross()
    {
        Assert.Equal(new LoopEnded("orders", "max-failures reached"), RoundTrip(new LoopEnded("orders", "max-failures reached")));

        var serializer = _system.Serialization.FindSerializerFor(ReplayObserved.Instance);
        Assert.IsType<ObservedOnLeaderSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, ReplayObserved.Instance);
        Assert.Same(ReplayObserved.Instance, _system.Serialization.Deserialize(serializer.ToBinary(ReplayObserved.Instance), serializer.Identifier, manifest));
    }

    [Fact]
    public void A_manifest_naming_a_type_it_does_not_forward_is_refused()
    {
        var serializer = _system.Serialization.FindSerializerForType(typeof(ObservedOnLeader));
        var bytes = "{}"u8.ToArray();

        var refused = Assert.Throws<System.Runtime.Serialization.SerializationException>(
            () => _system.Serialization.Deserialize(bytes, serializer.Identifier, typeof(System.IO.FileInfo).FullName!));
        Assert.Contains("not one this instance forwards", refused.Message, StringComparison.Ordinal);
    }

    private object RoundTrip(object observedEvent)
    {
        var message = new ObservedOnLeader(observedEvent);
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.IsType<ObservedOnLeaderSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var back = _system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
        return Assert.IsType<ObservedOnLeader>(back).Event;
    }
}
