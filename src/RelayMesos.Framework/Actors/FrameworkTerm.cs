namespace RelayMesos.Framework.Actors;

/// <summary>
/// The leadership a framework term acts under: the lease epoch the singleton started with (null without a SQL store).
/// A term that finds this epoch no longer held when it starts stays idle: the next holder acts.
/// </summary>
public sealed record FrameworkTerm(long? LeaseEpoch);
