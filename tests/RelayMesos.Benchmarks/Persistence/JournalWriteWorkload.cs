using RelayMesos.Actors.Persistence;
using RelayMesos.Persistence.Sql;

namespace RelayMesos.Benchmarks.Persistence;

/// <summary>
/// The shared workload: single-event writes in sequence, each awaited (durable) before the next,
/// as a persistent actor does. Also the raw append + fsync baseline, the floor of any durable write.
/// </summary>
public sealed class JournalWriteWorkload : IAsyncDisposable
{
    public const int WritesPerInvoke = 100;

    private static readonly byte[] Payload = new byte[64];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "relay-mesos-bench-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly List<SqlPersistenceSet> _stores = [];
    private FileStream? _appendFile;
    private long _sequenceNr;

    public JournalWriteWorkload() => Directory.CreateDirectory(_folder);

    public IJournal InMemory { get; } = new InMemoryJournal();

    public async Task<IJournal> OpenSqliteAsync(SqliteSynchronous synchronous) =>
        await OpenFencedAsync(new SqlPersistenceOptions
        {
            Provider = SqlProvider.Sqlite,
            SqlitePath = Path.Combine(_folder, $"journal-{synchronous}.db"),
            SqliteSynchronous = synchronous,
            LeaseTtl = TimeSpan.FromHours(1),
        });

    public async Task<IJournal> OpenPostgreSqlAsync(string connectionString) =>
        await OpenFencedAsync(new SqlPersistenceOptions
        {
            Provider = SqlProvider.Postgres,
            PostgresConnectionString = connectionString,
            SchemaName = "bench_" + Guid.NewGuid().ToString("N")[..12],
            LeaseTtl = TimeSpan.FromHours(1),
        });

    public async Task WriteSequentiallyAsync(IJournal journal)
    {
        for (var i = 0; i < WritesPerInvoke; i++)
        {
            var sequenceNr = ++_sequenceNr;
            await journal.WriteAsync([new PersistentRepresentation("bench", sequenceNr, "bench.event", Payload, DateTimeOffset.UtcNow)]);
        }
    }

    public void AppendAndFsyncSequentially()
    {
        _appendFile ??= new FileStream(Path.Combine(_folder, "append.log"), FileMode.Append, FileAccess.Write, FileShare.None, 4096);
        for (var i = 0; i < WritesPerInvoke; i++)
        {
            _appendFile.Write(Payload);
            _appendFile.Flush(flushToDisk: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_appendFile is not null)
        {
            await _appendFile.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // Fenced like production: every write also checks the lease epoch in its transaction.
    private async Task<IJournal> OpenFencedAsync(SqlPersistenceOptions options)
    {
        var store = await SqlPersistence.CreateAsync(options, "benchmark");
        _stores.Add(store);
        _ = await store.Lease.TryAcquireAsync() ?? throw new InvalidOperationException("The benchmark could not take its own lease.");
        return store.Journal;
    }
}
