using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Framework.Tests.Failover;

/// <summary>The test classes that share one throwaway PostgreSQL server (each test uses its own schema).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL server";
}
