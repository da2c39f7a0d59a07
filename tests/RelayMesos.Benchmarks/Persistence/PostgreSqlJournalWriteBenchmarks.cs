using BenchmarkDotNet.Attributes;
using RelayMesos.Actors.Persistence;

namespace RelayMesos.Benchmarks.Persistence;

/// <summary>
/// Durable single-event journal writes on PostgreSQL (fsync on, synchronous_commit on) beside the
/// in-memory journal and a raw append + fsync. Needs a server: tests/scripts/bench-postgres-journal.sh
/// starts a throwaway one and passes its connection string in <see cref="ConnectionStringVariable"/>.
/// </summary>
public class PostgreSqlJournalWriteBenchmarks : JournalWriteBaselines
{
    public const string ConnectionStringVariable = "RELAY_MESOS_BENCH_POSTGRES";

    private IJournal _postgres = null!;

    // Synchronous on purpose: the in-process toolchain (--inProcess) does not await an async [GlobalSetup], and
    // Npgsql, unlike Microsoft.Data.Sqlite, really completes asynchronously.
    [GlobalSetup]
    public void SetUp()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable)
            ?? throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set; run tests/scripts/bench-postgres-journal.sh, which starts a server for this benchmark.");
        _postgres = Workload.OpenPostgreSqlAsync(connectionString).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task PostgreSql() => Workload.WriteSequentiallyAsync(_postgres);
}
