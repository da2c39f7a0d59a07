using RelayMesos.EndToEnd.Tests.Targets;
using RelayMesos.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>The leader failover run on a real Apache Mesos 1.12.</summary>
[Scheduling.ExpectedDuration(110)]
public sealed class LeaderFailoverOnRealMesosTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : LeaderFailover(postgres, output)
{
    // Two kills: a real master takes seconds more a takeover, and three kills on the embedded cluster already exercise
    // the journal hand-over; here what counts is the real master's failover and reconciliation answers.
    protected override int DefaultKills => 2;

    protected override string Target => MesosTargets.Real;
}
