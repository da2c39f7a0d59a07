namespace RelayMesos.Bench;

/// <summary>
/// One run of the real-plant bench: IAE in queue·s (the target is an empty queue), consumers started, the seconds
/// they lived (start-up included), the most alive at once, items served, and items left at the end.
/// </summary>
public sealed record PlantRunFigures(double Iae, int Launches, double WorkerSeconds, int Peak, int Served, int Left);
