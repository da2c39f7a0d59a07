using System.Data.Common;
using RelayMesos.Persistence.Sql.Dialects;

namespace RelayMesos.Persistence.Sql.Leasing;

/// <summary>The fencing check that runs inside a write transaction.</summary>
internal static class LeaseFenceCheck
{
    /// <summary>Returns the writer's epoch (null when unfenced), or throws <see cref="FencedWriteException"/>.</summary>
    public static async Task<long?> VerifyAsync(
        SqlDialect dialect, ILeaseFence? fence, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (fence is null)
        {
            return null;
        }

        var term = fence.CurrentTerm
            ?? throw new FencedWriteException("Write refused: this instance does not hold the leader lease.", null, null);

        await using var command = connection.Command(
            $"SELECT holder_id, epoch FROM {dialect.Table("leases")} WHERE name = @name{dialect.LockForShare}", transaction);
        command.With("@name", term.LeaseName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new FencedWriteException($"Write refused: lease '{term.LeaseName}' does not exist.", term.Epoch, null);
        }

        var holder = reader.GetString(0);
        var epoch = reader.GetInt64(1);
        if (epoch != term.Epoch || holder != term.HolderId)
        {
            throw new FencedWriteException(
                $"Write refused: lease '{term.LeaseName}' moved on to epoch {epoch} held by '{holder}'; this writer holds epoch {term.Epoch} as '{term.HolderId}'.",
                term.Epoch,
                epoch);
        }

        return term.Epoch;
    }
}
