using BenchmarkDotNet.Attributes;

namespace RelayMesos.Benchmarks.Persistence;

/// <summary>
/// The baselines every journal-write benchmark is measured against in its own run: the in-memory journal
/// (the cost of the actor-side write path alone) and a raw append + fsync (what the disk allows).
/// </summary>
[WarmupCount(2)]
[IterationCount(10)]
public abstract class JournalWriteBaselines
{
    protected JournalWriteWorkload Workload { get; } = new();

    [GlobalCleanup]
    public void CleanUp() => Workload.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task InMemoryJournal() => Workload.WriteSequentiallyAsync(Workload.InMemory);

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public void FileAppendFsync() => Workload.AppendAndFsyncSequentially();
}
