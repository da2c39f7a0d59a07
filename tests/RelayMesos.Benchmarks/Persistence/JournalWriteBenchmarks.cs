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
[WarmupCount(2)]
[IterationCount(10)]
public class JournalWriteBenchmarks
{
    private JournalWriteWorkload _workload = null!;
    private IJournal _sqliteFull = null!;
    private IJournal _sqliteNormal = null!;

    // Synchronous: the in-process toolchain does not await an async global setup.
    [GlobalSetup]
    public void SetUp()
    {
        _workload = new JournalWriteWorkload();
        _sqliteFull = _workload.OpenSqliteAsync(SqliteSynchronous.Full).GetAwaiter().GetResult();
        _sqliteNormal = _workload.OpenSqliteAsync(SqliteSynchronous.Normal).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void CleanUp() => _workload.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task InMemoryJournal() => _workload.WriteSequentiallyAsync(_workload.InMemory);

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public void FileAppendFsync() => _workload.AppendAndFsyncSequentially();

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task SqliteWalSynchronousFull() => _workload.WriteSequentiallyAsync(_sqliteFull);

    [Benchmark(OperationsPerInvoke = JournalWriteWorkload.WritesPerInvoke)]
    public Task SqliteWalSynchronousNormal() => _workload.WriteSequentiallyAsync(_sqliteNormal);
}
