namespace RelayMesos.Actors;

/// <summary>Applies the directive to the failing child only; its siblings keep running.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed in the window before the child is stopped; negative = unlimited.</param>
    /// <param name="withinTimeRange">The window; zero or <see cref="Timeout.InfiniteTimeSpan"/> = no window.</param>
    /// <param name="decider">Maps the exception to a directive.</param>
    /// <param name="backoff">Optional exponential delay before each restart.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff = null)
        : base(maxNrOfRetries, withinTimeRange, decider, backoff)
    {
    }

    /// <summary>Unlimited retries with the given decider.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }
}
