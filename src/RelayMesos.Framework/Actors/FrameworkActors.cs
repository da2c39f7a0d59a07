using Akka.Actor;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// FrameworkSupervisor → every child, once all exist: who is who (the poller only needs the controller, handed to it). Sent to the gateway last, and the
/// gateway subscribes only then, so no Mesos event can reach a child that does not know its peers.
/// </summary>
public sealed record FrameworkActors(
    IActorRef Gateway,
    IActorRef OfferHandler,
    IActorRef Launcher,
    IActorRef Reconciler,
    IActorRef Controller,
    IActorRef? MetricPoller = null);
