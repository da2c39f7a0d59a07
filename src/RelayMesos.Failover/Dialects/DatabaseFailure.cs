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
            throw new SqlPersistenceException($"{operation} on {dialect.Description} failed: {exception.Message}", exception);
        }
    }

    public static Task GuardAsync(SqlDialect dialect, string operation, Func<Task> action) =>
        GuardAsync(dialect, operation, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        });
}
