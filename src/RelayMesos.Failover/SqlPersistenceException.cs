namespace RelayMesos.Failover;

/// <summary>
/// The database could not be reached or refused an operation. The message names the operation and the
/// database (password redacted); the driver's exception is the inner exception.
/// </summary>
public sealed class SqlPersistenceException : Exception
{
    public SqlPersistenceException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
