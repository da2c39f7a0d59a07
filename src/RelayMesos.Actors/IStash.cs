namespace RelayMesos.Actors;

/// <summary>Set messages aside until the actor is ready for them; unstashed messages go before the rest of the mailbox.</summary>
public interface IStash
{
    /// <summary>Stashes the message being processed.</summary>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns every stashed message to the front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    /// <summary>Drops the stashed messages and returns them.</summary>
    IReadOnlyList<object> ClearStash();
}
