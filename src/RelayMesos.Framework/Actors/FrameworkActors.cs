using Akka.Actor;
using RelayMesos.Framework.Settings;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// FrameworkSupervisor → every child, once all exist: who is who. Sent to the gateway last, and the gateway subscribes
/// only then, so no Mesos event can reach a child that does not know its peers.
/// </summary>
/// <param name="Loops">Each loop's controller and poller, by loop name.</param>
public sealed record FrameworkActors(
    IActorRef Gateway,
    IActorRef OfferHandler,
    IActorRef Launcher,
    IActorRef Reconciler,
    IReadOnlyDictionary<string, LoopActors> Loops)
{
    /// <summary>A framework of the one loop <c>default</c>.</summary>
    public FrameworkActors(IActorRef gateway, IActorRef offerHandler, IActorRef launcher, IActorRef reconciler, IActorRef controller, IActorRef? metricPoller = null)
        : this(gateway, offerHandler, launcher, reconciler, new Dictionary<string, LoopActors> { [FrameworkSettings.DefaultLoop] = new(controller, metricPoller) })
    {
    }

    /// <summary>The loop's actors, or null for a loop this term does not run (a task of a loop since removed).</summary>
    public LoopActors? Loop(string name) => Loops.GetValueOrDefault(name);
}
