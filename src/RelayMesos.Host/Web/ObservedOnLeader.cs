namespace RelayMesos.Host.Web;

/// <summary>One event the framework singleton's instance observed, sent to every other instance's <see cref="ObserverBridge"/>.</summary>
public sealed record ObservedOnLeader(object Event);
