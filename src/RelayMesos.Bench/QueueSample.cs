namespace RelayMesos.Bench;

/// <summary>The bench queue at one moment of a run: its depth and the consumers alive.</summary>
internal sealed record QueueSample(double At, int Depth, int Alive);
