namespace RelayMesos.Actors.Persistence;

/// <summary><c>system.UsePersistence(journal, snapshots, serializers)</c>.</summary>
public static class PersistenceActorSystemExtensions
{
    public static ActorSystem UsePersistence(this ActorSystem system, IJournal journal, ISnapshotStore snapshotStore, EventSerializerRegistry serializers)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.RegisterExtension(new PersistenceExtension(journal, snapshotStore, serializers));
        return system;
    }

    /// <summary>In-memory stores with the given serializers (tests, and running without a database).</summary>
    public static ActorSystem UsePersistence(this ActorSystem system, EventSerializerRegistry serializers) =>
        system.UsePersistence(new InMemoryJournal(), new InMemorySnapshotStore(), serializers);
}
