using System.Data.Common;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Dialects;
using RelayMesos.Failover.Leasing;
using RelayMesos.Failover.Schema;

namespace RelayMesos.Failover;

/// <summary>Opens the configured database, refuses a pre-Akka one, creates the lease table, and hands out the lease and what Akka.Persistence.Sql needs to connect.</summary>
public static class SqlPersistence
{
    /// <param name="holderId">This process's identity in the lease; unique per running instance (e.g. host, pid and a random part).</param>
    public static Task<SqlPersistenceSet> CreateAsync(
        SqlPersistenceOptions options,
        string holderId,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default) =>
        OpenAsync(options, holderId, loggerFactory, cancellationToken);

    private static async Task<SqlPersistenceSet> OpenAsync(
        SqlPersistenceOptions options,
        string holderId,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(holderId);
        options.Validate();

        SqlDialect dialect = options.Provider == SqlProvider.Sqlite
            ? new SqliteDialect(options.SqlitePath, options.SqliteSynchronous, options.BusyTimeout)
            : new PostgreSqlDialect(options.PostgresConnectionString!, options.SchemaName, options.LeaseTtl);
        try
        {
            if (dialect is SqliteDialect sqlite)
            {
                await DatabaseFailure.GuardAsync(dialect, "Opening the database", () => sqlite.InitializeFileAsync(cancellationToken)).ConfigureAwait(false);
            }

            await SetUpAsync(dialect, options.StartupPatience, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var lease = new LeaderLease(dialect, options.LeaseName, holderId, options.LeaseTtl, loggerFactory?.CreateLogger<LeaderLease>());
        return new SqlPersistenceSet(options, dialect, lease, loggerFactory);
    }

    /// <summary>
    /// A database that times out or refuses the connection at start-up (a server still starting, or slow on a busy
    /// machine) is waited for, with one warning, for <see cref="StartupPatience"/>; any other failure (a wrong password,
    /// a missing database) ends the start at once with its message.
    /// </summary>
    private static async Task SetUpAsync(SqlDialect dialect, TimeSpan patience, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var logger = loggerFactory?.CreateLogger("RelayMesos.Database");
        var warned = false;
        while (true)
        {
            try
            {
                await DatabaseFailure.GuardAsync(dialect, "Database set-up", () => DatabaseSetup.PrepareAsync(dialect, cancellationToken)).ConfigureAwait(false);
                if (warned)
                {
                    logger?.LogInformation("Database {Database} answered; starting.", dialect.Description);
                }

                return;
            }
            catch (SqlPersistenceException e) when (e.InnerException is DbException { IsTransient: true } && DateTimeOffset.UtcNow < deadline)
            {
                if (!warned)
                {
                    warned = true;
                    logger?.LogWarning("{Reason}; retrying for up to {Patience}.", e.Message, patience);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
