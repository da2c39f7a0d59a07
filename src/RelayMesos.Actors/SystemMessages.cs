namespace RelayMesos.Actors;

/// <summary>Lifecycle signals; they jump ahead of user messages in the mailbox.</summary>
internal abstract record SystemMessage;

internal sealed record Create : SystemMessage
{
    public static Create Instance { get; } = new();
}

internal sealed record Terminate : SystemMessage
{
    public static Terminate Instance { get; } = new();
}

internal sealed record Resume : SystemMessage
{
    public static Resume Instance { get; } = new();
}

internal sealed record Recreate(Exception Cause) : SystemMessage;

internal sealed record Failed(ActorCell Child, Exception Cause) : SystemMessage;

internal sealed record Watch(IActorRef Watcher) : SystemMessage;

internal sealed record Unwatch(IActorRef Watcher) : SystemMessage;

internal sealed record DeathWatchNotification(IActorRef Actor) : SystemMessage;

/// <summary>A <see cref="Terminated"/> on its way through the user mailbox, dropped if the watcher unwatched meanwhile.</summary>
internal sealed record TerminatedDelivery(IActorRef Actor);
