namespace RelayMesos.Control.Controllers;

/// <summary>A desired instance count the proportional law computed at a moment (for its scale-down window).</summary>
public sealed record ScaleRecommendation(DateTimeOffset At, int Desired);
