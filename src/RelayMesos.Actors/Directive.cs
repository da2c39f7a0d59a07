namespace RelayMesos.Actors;

/// <summary>What a supervisor does with a failed child.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; drop the failing message.</summary>
    Resume,

    /// <summary>Replace the actor instance (fresh state), keep its mailbox; drop the failing message.</summary>
    Restart,

    /// <summary>Stop the actor; its queued messages go to dead letters.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, handing the decision one level up.</summary>
    Escalate,
}
