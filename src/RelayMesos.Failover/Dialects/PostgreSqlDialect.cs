using System.Data.Common;
using Npgsql;

namespace RelayMesos.Failover.Dialects;

internal sealed class PostgreSqlDialect : SqlDialect
{
    private static readonly TimeSpan MinimumStall = TimeSpan.FromSeconds(5);
    private const int IdleProbeSeconds = 1;

    /// <summary>Akka.Persistence.Sql's tables (journal, tags, snapshots) under their default names, as its auto-initialisation creates them.</summary>
    private static readonly string[] AkkaTables = ["journal", "tags", "snapshot"];

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    /// <param name="leaseTtl">The lease TTL: a session idle inside a transaction for that long (at least 5 s) is ended by the server.</param>
    public PostgreSqlDialect(string connectionString, string schema, TimeSpan leaseTtl)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The driver's message may quote the offending part, which can be the password.
            throw new SqlPersistenceConfigurationException(
                nameof(SqlPersistenceOptions.PostgresConnectionString),
                "not a valid Npgsql connection string (keyword=value pairs separated by ';')");
        }

        EndStalledTransactions(builder, leaseTtl);
        ProbeIdleConnections(builder);
        _schema = schema;
        Description = ConnectionStringRedactor.DescribeServer(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>
    /// A write holds its locks (the lease row; a journal row's key) until it commits. A leader that stalls inside such a
    /// transaction (a long pause, a stopped VM) would block every takeover for as long as its socket lives; the server
    /// ends the session instead once it sat idle for the lease TTL, by when the stalled leader has lost its lease anyway.
    /// Never under 5 s: a process merely starved of CPU between two statements must not lose its transaction (a set-up
    /// transaction was ended that way at an 800 ms TTL on a loaded machine).
    /// </summary>
    internal static void EndStalledTransactions(NpgsqlConnectionStringBuilder builder, TimeSpan leaseTtl)
    {
        var after = leaseTtl > MinimumStall ? leaseTtl : MinimumStall;
        var timeout = $"-c idle_in_transaction_session_timeout={(long)after.TotalMilliseconds}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? timeout : $"{builder.Options} {timeout}";
    }

    /// <summary>
    /// A server restart ends every session (57P01 "terminating connection due to administrator command"), but a pooled
    /// connection learns of it only when it is next used: a standby that takes over minutes later would fail its first
    /// lease acquisition and its first recovery on connections that died in the restart. Npgsql's keepalive sends a sync
    /// on every connection that sat idle for a second, in the pool too; one that finds its session gone is broken and the
    /// pool opens a fresh one instead of handing it out. An interval the operator set in the connection string is kept.
    /// A keepalive also restarts the server's idle-in-transaction clock (<see cref="EndStalledTransactions"/>), but a
    /// frozen process, the stall that clock is for, sends none.
    /// </summary>
    internal static void ProbeIdleConnections(NpgsqlConnectionStringBuilder builder)
    {
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = IdleProbeSeconds;
        }
    }

    /// <summary>The key of the advisory lock that serialises instances setting up one schema (ours and Akka's tables).</summary>
    private string SetUpLockKey => "relay-mesos schema " + _schema;

    public override string Description { get; }

    public override string NowMillis => "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    // The schema name is validated as a plain identifier (SqlPersistenceOptions), so it may be inlined.
    public override string TableExistsQuery => $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{_schema}' AND table_name = @name";

    public override string Table(string name) => $"\"{_schema}\".{name}";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task PrepareMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Instances starting together would race on CREATE SCHEMA IF NOT EXISTS; the transaction-scoped
        // advisory lock lets one migrate while the others wait and then find nothing to do.
        command.CommandText = $"SELECT pg_advisory_xact_lock(hashtext(@key)); CREATE SCHEMA IF NOT EXISTS \"{_schema}\";";
        command.With("@key", SetUpLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Akka.Persistence.Sql creates its tables on first use (CREATE TABLE IF NOT EXISTS, then constraints and indexes),
    /// and PostgreSQL does not serialise concurrent CREATE TABLE IF NOT EXISTS: members starting together on an empty
    /// database raced on it (23505 on pg_type_typname_nsp_index, an ERROR with a trace, a restarted journal). While any
    /// of Akka's tables is missing, the caller's first use runs under the same advisory lock as the schema set-up,
    /// held by a session of its own, so one member creates them while the others wait and then find them there. Once
    /// they exist nobody waits. Returns null when nothing needs holding; the lock is released when the result is disposed
    /// (or when its session ends, should this process die first).
    /// </summary>
    public override async Task<IAsyncDisposable?> HoldSetUpLockWhileTablesMissingAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var count = connection.Command($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{_schema}' AND table_name = ANY(@names)"))
            {
                count.With("@names", AkkaTables);
                if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == AkkaTables.Length)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return null;
                }
            }

            await using (var take = connection.Command("SELECT pg_advisory_lock(hashtext(@key))"))
            {
                take.With("@key", SetUpLockKey);
                await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new SessionLock(connection, SetUpLockKey);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>A session-level advisory lock, held by the connection it was taken on.</summary>
    private sealed class SessionLock(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = connection.Command("SELECT pg_advisory_unlock(hashtext(@key))");
                release.With("@key", key);
                await release.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (DbException)
            {
                // The session is gone, and with it the lock.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
