using System.Data.Common;
using Npgsql;

namespace RelayMesos.Failover.Dialects;

internal sealed class PostgreSqlDialect : SqlDialect
{
    private static readonly TimeSpan MinimumStall = TimeSpan.FromSeconds(5);

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
        command.CommandText = $"SELECT pg_advisory_xact_lock(hashtext('relay-mesos schema ' || @schema)); CREATE SCHEMA IF NOT EXISTS \"{_schema}\";";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@schema";
        parameter.Value = _schema;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
