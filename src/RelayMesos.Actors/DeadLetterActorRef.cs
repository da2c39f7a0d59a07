namespace RelayMesos.Actors;

internal sealed class DeadLetterActorRef(ActorSystem system) : IActorRef
{
    public ActorPath Path { get; } = ActorPath.Root / "deadLetters";

    public void Tell(object message, IActorRef? sender)
    {
        if (message is DeadLetter letter)
        {
            system.RecordDeadLetter(letter.Message, letter.Sender, letter.Recipient);
        }
        else
        {
            system.RecordDeadLetter(message, sender, this);
        }
    }

    public override string ToString() => "DeadLetters";
}
