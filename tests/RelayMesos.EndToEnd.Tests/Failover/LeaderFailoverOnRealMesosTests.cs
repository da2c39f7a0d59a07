using RelayMesos.EndToEnd.Tests.Targets;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>The leader failover run on a real Apache Mesos 1.12.</summary>
public sealed class LeaderFailoverOnRealMesosTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : LeaderFailover(postgres, output)
{
    protected override string Target => MesosTargets.Real;
}
