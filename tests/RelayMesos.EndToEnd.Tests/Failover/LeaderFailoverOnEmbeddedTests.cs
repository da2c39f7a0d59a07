using RelayMesos.EndToEnd.Tests.Targets;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>The leader failover run on our embedded cluster.</summary>
[Scheduling.ExpectedDuration(90)]
public sealed class LeaderFailoverOnEmbeddedTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : LeaderFailover(postgres, output)
{
    protected override int DefaultKills => 5;

    protected override string Target => MesosTargets.Embedded;
}
