namespace RelayMesos.Actors;

/// <summary>Delivered to watchers (<see cref="IActorContext.Watch"/>) once the watched actor has fully stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);
