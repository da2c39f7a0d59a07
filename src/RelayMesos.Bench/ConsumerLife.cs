namespace RelayMesos.Bench;

/// <summary>
/// One consumer of the real-plant bench as the queue saw it, in seconds of the run's clock: when it said hello
/// (its process runs), took its first and last item, how many it took, and when it said goodbye (null: still alive).
/// </summary>
internal sealed record ConsumerLife(int Id, double Hello, double? FirstItem, double? LastItem, int Items, double? Bye);
