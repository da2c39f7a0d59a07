namespace RelayMesos.TestKit.PostgreSql;

/// <summary>The throwaway PostgreSQL server could not be started; the message says why and how to fix it.</summary>
public sealed class PostgreSqlUnavailableException(string message) : Exception(message);
