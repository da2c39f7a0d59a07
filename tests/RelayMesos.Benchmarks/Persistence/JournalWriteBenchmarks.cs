using BenchmarkDotNet.Attributes;

namespace RelayMesos.Benchmarks.Persistence;

/// <summary>
/// One persistent actor's durable single-event writes through Akka.Persistence.Sql on SQLite (WAL), against a raw INSERT
/// loop on a connection to the same file (the baseline: what the database allows without Akka and linq2db).
///   dotnet run -c Release --project tests/RelayMesos.Benchmarks -- --filter '*.JournalWriteBenchmarks*' --inProcess
/// Events per second = 1 / Mean (each operation is one write).
/// </summary>
[WarmupCount(2)]
[IterationCount(10)]
public class JournalWriteBenchmarks
{
    private readonly JournalWriteWorkload _workload = new();

    // Synchronous: the in-process toolchain does not await an async global setup.
    [GlobalSetup]
    public void SetUp() => _workload.OpenSqlite();

    [GlobalCleanup]
    public void CleanUp() => _workload.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public void RawInsertLoop() => _workload.InsertSequentially();

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task AkkaPersistenceSql() => _workload.PersistSequentiallyAsync();
}
