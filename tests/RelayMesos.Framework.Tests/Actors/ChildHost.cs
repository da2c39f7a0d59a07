using Akka.Actor;

namespace RelayMesos.Framework.Tests.Actors;

/// <summary>Parents an actor under test so that what it tells its parent (StopRequested) reaches a probe.</summary>
internal sealed class ChildHost : ReceiveActor
{
    public ChildHost(Props child, IActorRef parentProbe)
    {
        var actor = Context.ActorOf(child, "child");
        ReceiveAny(message =>
        {
            if (Sender.Equals(actor))
            {
                parentProbe.Tell(message, Self);
            }
            else
            {
                actor.Forward(message);
            }
        });
    }
}
