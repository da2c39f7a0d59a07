using Akka.Actor;

namespace RelayMesos.Framework.Actors;

/// <summary>One control loop's actors: its persistent controller and the poller that samples for it.</summary>
public sealed record LoopActors(IActorRef Controller, IActorRef? MetricPoller);
