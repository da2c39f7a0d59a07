namespace RelayMesos.Actors;

/// <summary>A behaviour: returns false when it does not handle the message (which then counts as unhandled).</summary>
public delegate bool Receive(object message);
