namespace RelayMesos.Framework.Actors;

/// <summary>Published by RelayController: how long one step waited for the journal (Persist to its handler).</summary>
public sealed record JournalWriteTimed(TimeSpan Duration);
