using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Tests.Actors;

namespace RelayMesos.Framework.Tests.Persistence;

/// <summary>
/// Two instances on one Akka.Persistence.Sql database (SQLite, as relay-mesos uses it): the deposed leader's controller
/// still believes it leads and steps; its append takes a sequence number the new leader already wrote, and the journal's
/// (persistence id, sequence number) key refuses it, so the deposed controller does not act and history does not fork.
/// </summary>
public sealed class DeposedWriterTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private static readonly ControllerSettings Controller = ControllerSettings.Default with { Lookback = 20 };
    private readonly string _folder = Directory.CreateTempSubdirectory("relay-mesos-deposed-").FullName;

    public DeposedWriterTests()
        : base(FrameworkTestConfig.Config)
    {
    }

    [Fact]
    public async Task The_deposed_leaders_append_is_refused_by_the_journal_key_and_not_acted_on()
    {
        var config = SqlConfig(Path.Combine(_folder, "relay-mesos.db"));
        var oldLeader = ActorSystem.Create("old-leader", config);
        var newLeader = ActorSystem.Create("new-leader", config);
        try
        {
            var settings = FrameworkFixtures.Settings();
            var oldOffers = CreateTestProbe("old-offers");
            var newOffers = CreateTestProbe("new-offers");
            var at = DateTimeOffset.UtcNow;
            var deposed = ControllerHarness.Start(oldLeader, Controller, settings, oldOffers, CreateTestProbe("old-reconciler"));
            deposed.Tell(new Sample(5, 0, at), ActorRefs.NoSender);
            deposed.Tell(new Sample(5, 1, at.AddSeconds(1)), ActorRefs.NoSender);
            oldOffers.ExpectMsg<Demand>();
            oldOffers.ExpectMsg<Demand>();

            var leader = ControllerHarness.Start(newLeader, Controller, settings, newOffers, CreateTestProbe("new-reconciler"));
            Assert.Equal(2, (await leader.Ask<ControllerState>(GetControllerState.Instance, TimeSpan.FromSeconds(30))).Steps);
            leader.Tell(new Sample(5, 2, at.AddSeconds(2)), ActorRefs.NoSender);
            newOffers.ExpectMsg<Demand>();

            deposed.Tell(new Sample(5, 9, at.AddSeconds(3)), ActorRefs.NoSender);

            oldOffers.ExpectNoMsg(TimeSpan.FromSeconds(1));
            var recovered = ControllerHarness.Start(newLeader, Controller, settings, CreateTestProbe("offers"), CreateTestProbe("reconciler"));
            var history = await recovered.Ask<ControllerState>(GetControllerState.Instance, TimeSpan.FromSeconds(30));
            Assert.Equal(3, history.Steps);
            // The third step is the new leader's; nothing was appended after it (the snapshot every 3 steps deleted the rows behind it).
            Assert.Equal(3, await HighestSequenceNumberAsync(Path.Combine(_folder, "relay-mesos.db")));
        }
        finally
        {
            await Task.WhenAll(oldLeader.Terminate(), newLeader.Terminate());
        }
    }

    private static Config SqlConfig(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        return ConfigurationFactory.ParseString($$"""
            akka.loglevel = ERROR
            akka.persistence.journal.plugin = "akka.persistence.journal.sql"
            akka.persistence.journal.sql { connection-string = "{{connectionString}}", provider-name = "SQLite.MS", auto-initialize = on }
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
            akka.persistence.snapshot-store.sql { connection-string = "{{connectionString}}", provider-name = "SQLite.MS", auto-initialize = on }
            """)
            .WithFallback(FrameworkTestConfig.Config)
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    private static async Task<long> HighestSequenceNumberAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(sequence_number) FROM journal";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
