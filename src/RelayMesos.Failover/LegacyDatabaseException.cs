namespace RelayMesos.Failover;

/// <summary>The database holds relay-mesos' pre-Akka journal; it is refused, never converted or overwritten.</summary>
public sealed class LegacyDatabaseException(string database) : Exception(
    $"{database} holds a journal in the format of relay-mesos before Akka.Persistence, which this version does not read. "
    + "Keep it for the older relay-mesos, or start this one on a new database (relay.persistence.sqlite.path, or another PostgreSQL schema/database).");
