namespace RelayMesos.Actors;

internal readonly record struct Envelope(object Message, IActorRef? Sender);
