using BenchmarkDotNet.Attributes;
using RelayMesos.Actors.Persistence;
using RelayMesos.Persistence.Sql;

namespace RelayMesos.Benchmarks.Persistence;

/// <summary>
/// Durable single-event journal writes on SQLite (WAL; synchronous FULL and NORMAL) beside the
/// in-memory journal and a raw append + fsync of the same file system.
///   dotnet run -c Release --project tests/RelayMesos.Benchmarks -- --filter '*.JournalWriteBenchmarks*' --inProcess
/// (--inProcess: the generated child project takes longer to build than BenchmarkDotNet waits on a busy 2-core machine).
/// Events per second = 1 / Mean (each operation is one write).
/// </summary>
public class JournalWriteBenchmarks : JournalWriteBaselines
{
    private IJournal _sqliteFull = null!;
    private IJournal _sqliteNormal = null!;

    // Synchronous: the in-process toolchain does not await an async global setup.
    [GlobalSetup]
    public void SetUp()
    {
        _sqliteFull = Workload.OpenSqliteAsync(SqliteSynchronous.Full).GetAwaiter().GetResult();
        _sqliteNormal = Workload.OpenSqliteAsync(SqliteSynchronous.Normal).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task SqliteWalSynchronousFull() => Workload.WriteSequentiallyAsync(_sqliteFull);

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task SqliteWalSynchronousNormal() => Workload.WriteSequentiallyAsync(_sqliteNormal);
}
