using BenchmarkDotNet.Attributes;

namespace RelayMesos.Benchmarks.Persistence;

/// <summary>
/// One persistent actor's durable single-event writes through Akka.Persistence.Sql on PostgreSQL (fsync on), against a
/// raw INSERT loop on a connection to the same database. Needs a server: tests/scripts/bench-postgres-journal.sh starts
/// a throwaway one and passes its connection string in <see cref="ConnectionStringVariable"/>.
/// </summary>
[WarmupCount(2)]
[IterationCount(10)]
public class PostgreSqlJournalWriteBenchmarks
{
    public const string ConnectionStringVariable = "RELAY_MESOS_BENCH_POSTGRES";

    private readonly JournalWriteWorkload _workload = new();

    [GlobalSetup]
    public void SetUp() => _workload.OpenPostgreSql(
        Environment.GetEnvironmentVariable(ConnectionStringVariable)
        ?? throw new InvalidOperationException(
            $"{ConnectionStringVariable} is not set; run tests/scripts/bench-postgres-journal.sh, which starts a server for this benchmark."));

    [GlobalCleanup]
    public void CleanUp() => _workload.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public void RawInsertLoop() => _workload.InsertSequentially();

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task AkkaPersistenceSql() => _workload.PersistSequentiallyAsync();
}
