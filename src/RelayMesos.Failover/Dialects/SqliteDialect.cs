using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RelayMesos.Failover.Dialects;

internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteDialect(string path, SqliteSynchronous synchronous, TimeSpan busyTimeout)
    {
        var fullPath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();

        // synchronous and busy_timeout belong to the connection, not the file: set on every open.
        var level = synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
        _pragmas = $"PRAGMA synchronous={level}; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds};";
        Description = $"SQLite file {fullPath}";
        FilePath = fullPath;
    }

    public string FilePath { get; }

    public override string Description { get; }

    public override string NowMillis => "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";

    public override string TableExistsQuery => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";

    public override string Table(string name) => name;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates the folder and switches the file to write-ahead logging (a property of the file, kept across opens).</summary>
    public async Task InitializeFileAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqlPersistenceException($"{Description} refused write-ahead logging (journal_mode is '{mode}').");
        }
    }

    // The default SqliteTransaction is BEGIN IMMEDIATE: the write lock is taken at the start, so two
    // writers never both read "highest = n" and then deadlock upgrading to a write lock.
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override Task PrepareMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
