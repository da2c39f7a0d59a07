namespace RelayMesos.Actors;

/// <summary>Published on the event stream for every message that could not be delivered (recipient stopped or absent).</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);
