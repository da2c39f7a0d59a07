using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RelayMesos.Benchmarks.Persistence;

/// <summary>
/// The shared workload: one persistent actor persisting single events in sequence (each durable before the next,
/// as RelayController does) through Akka.Persistence.Sql, and the baseline: a raw INSERT loop of the same rows,
/// one autocommit statement each, on a connection to the same database.
/// </summary>
public sealed class JournalWriteWorkload : IAsyncDisposable
{
    public const int WritesPerInvoke = 100;

    private static readonly byte[] Payload = new byte[64];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "relay-mesos-bench-" + Guid.NewGuid().ToString("N")[..12]);
    private ActorSystem? _system;
    private IActorRef _writer = ActorRefs.Nobody;
    private DbConnection? _raw;
    private DbCommand? _insert;
    private long _sequenceNr;

    public JournalWriteWorkload() => Directory.CreateDirectory(_folder);

    /// <summary>A SQLite file in WAL mode (as relay-mesos sets it) for both the journal and the raw loop.</summary>
    public void OpenSqlite()
    {
        var path = Path.Combine(_folder, "journal.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        var raw = new SqliteConnection(connectionString);
        raw.Open();
        Execute(raw, "PRAGMA journal_mode=WAL;");
        Open(connectionString, "SQLite.MS", raw, "BLOB");
    }

    public void OpenPostgreSql(string connectionString)
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        var raw = new NpgsqlConnection(connectionString);
        raw.Open();
        Execute(raw, $"CREATE SCHEMA \"{schema}\"; SET search_path TO \"{schema}\";");
        Open(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ToString(), "PostgreSQL.15", raw, "BYTEA");
    }

    /// <summary>Persists <see cref="WritesPerInvoke"/> events one after another and waits for the last.</summary>
    public Task PersistSequentiallyAsync() => _writer.Ask<Done>(new Write(WritesPerInvoke), TimeSpan.FromMinutes(5));

    public void InsertSequentially()
    {
        for (var i = 0; i < WritesPerInvoke; i++)
        {
            _insert!.Parameters[0].Value = ++_sequenceNr;
            _insert.ExecuteNonQuery();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.Terminate();
        }

        if (_raw is not null)
        {
            await _raw.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private void Open(string connectionString, string provider, DbConnection raw, string binaryType)
    {
        _raw = raw;
        Execute(raw, $"CREATE TABLE raw_journal (persistence_id TEXT NOT NULL, sequence_nr BIGINT NOT NULL, payload {binaryType} NOT NULL, created BIGINT NOT NULL, PRIMARY KEY (persistence_id, sequence_nr))");
        _insert = raw.CreateCommand();
        _insert.CommandText = "INSERT INTO raw_journal (persistence_id, sequence_nr, payload, created) VALUES ('bench', @seq, @payload, @created)";
        AddParameter(_insert, "@seq", 0L);
        AddParameter(_insert, "@payload", Payload);
        AddParameter(_insert, "@created", DateTime.UtcNow.Ticks);

        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.plugin = "akka.persistence.journal.sql"
            akka.persistence.journal.sql {
              connection-string = "{{connectionString}}"
              provider-name = "{{provider}}"
              auto-initialize = on
            }
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
            akka.persistence.snapshot-store.sql {
              connection-string = "{{connectionString}}"
              provider-name = "{{provider}}"
              auto-initialize = on
            }
            """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
        _system = ActorSystem.Create("bench", config);
        _writer = _system.ActorOf(Props.Create(() => new BenchWriter()), "writer");
        // Recovery and linq2db's first use (1–2 s) are not part of a write.
        _writer.Ask<Done>(new Write(1), TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record Write(int Count);

    private sealed record Done
    {
        public static Done Instance { get; } = new();
    }

    /// <summary>A persistent actor that persists one event at a time, the next only once the last is durable.</summary>
    private sealed class BenchWriter : ReceivePersistentActor
    {
        public BenchWriter()
        {
            Recover<byte[]>(_ => { });
            Command<Write>(w => Next(w.Count, Sender));
        }

        public override string PersistenceId => "bench";

        private void Next(int remaining, IActorRef requester)
        {
            if (remaining == 0)
            {
                requester.Tell(Done.Instance);
                return;
            }

            Persist(Payload, _ => Next(remaining - 1, requester));
        }
    }
}
