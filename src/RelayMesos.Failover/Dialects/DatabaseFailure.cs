using System.Data.Common;

namespace RelayMesos.Failover.Dialects;

/// <summary>Turns a driver failure into a <see cref="SqlPersistenceException"/> that says what was being done, and where.</summary>
internal static class DatabaseFailure
{
    public static async Task<T> GuardAsync<T>(SqlDialect dialect, string operation, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            throw new SqlPersistenceException($"{operation} on {dialect.Description} failed: {Reason(exception)}", exception);
        }
    }

    /// <summary>
    /// The driver's message, followed by its cause's when it only points at it: Npgsql says "The connection was
    /// previously broken because of the following exception" (the cause: 57P01, the server's shutdown) or "Failed to
    /// connect to host:port" (the cause: connection refused).
    /// </summary>
    internal static string Reason(Exception exception)
    {
        var message = exception.Message.TrimEnd();
        var cause = exception.InnerException?.Message.Trim();
        return string.IsNullOrEmpty(cause) || message.Contains(cause, StringComparison.Ordinal)
            ? message
            : $"{message.TrimEnd('.', ':')}: {cause}";
    }

    public static Task GuardAsync(SqlDialect dialect, string operation, Func<Task> action) =>
        GuardAsync(dialect, operation, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        });
}
