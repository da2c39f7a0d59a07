namespace RelayMesos.Actors;

/// <summary>
/// How a parent treats its failing children. Set it by overriding <c>ActorBase.SupervisorStrategy()</c>
/// or with <see cref="Props.WithSupervisorStrategy"/> (as in Akka.NET, it governs the actor's children).
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        Backoff = backoff;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/> before the child is stopped; negative = unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window the retries are counted in; zero or infinite = no window (count forever).</summary>
    public TimeSpan WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    /// <summary>Delay before each restart; null restarts at once.</summary>
    public RestartBackoff? Backoff { get; }

    /// <summary>Restart on any exception, except a failed constructor/PreStart, which stops (Akka.NET's default).</summary>
    public static Directive DefaultDecider(Exception cause) =>
        cause is ActorInitializationException ? Directive.Stop : Directive.Restart;

    /// <summary>Unlimited immediate restarts with <see cref="DefaultDecider"/>.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider);

    /// <summary>Stops every failing child.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ => Directive.Stop);

    /// <summary>Runs the decider; a decider that throws escalates rather than hiding the original failure.</summary>
    public Directive Decide(Exception cause)
    {
        try
        {
            return Decider(cause);
        }
#pragma warning disable CA1031 // A broken decider must not take the supervisor down with a second, unrelated exception.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Directive.Escalate;
        }
    }
}
