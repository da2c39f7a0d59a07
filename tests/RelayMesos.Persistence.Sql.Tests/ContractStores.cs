namespace RelayMesos.Persistence.Sql.Tests;

/// <summary>Opens an unfenced store set on a fresh database for the TestKit contract suites.</summary>
internal static class ContractStores
{
    public static Task<SqlPersistenceSet> OpenAsync(SqlPersistenceOptions options) =>
        SqlPersistence.OpenAsync(options, "contract-tests", fenced: false, loggerFactory: null, CancellationToken.None);
}
