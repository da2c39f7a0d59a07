namespace RelayMesos.Actors;

/// <summary>Well-known refs, named as in Akka.NET.</summary>
public static class ActorRefs
{
    /// <summary>"No reply address": receivers see the system's dead letters as <c>Sender</c>.</summary>
    public static readonly IActorRef? NoSender;

    /// <summary>A ref that swallows everything; returned by lookups that found no actor (e.g. <c>Context.Child</c>).</summary>
    public static readonly IActorRef Nobody = new NobodyActorRef();
}
