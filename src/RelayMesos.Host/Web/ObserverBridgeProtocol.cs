namespace RelayMesos.Host.Web;

/// <summary>One event the framework singleton's instance observed, sent to every other instance's <see cref="ObserverBridge"/>.</summary>
public sealed record ObservedOnLeader(object Event);

/// <summary>
/// A standby's <see cref="ObserverBridge"/> → the singleton instance's, the first time it hears from it: send me what you
/// observed before I listened (answered with <see cref="ObservedOnLeader"/> events, <see cref="RelayObserver.Replay"/>).
/// </summary>
public sealed record ReplayObserved
{
    public static ReplayObserved Instance { get; } = new();
}
