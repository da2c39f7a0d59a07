namespace RelayMesos.Actors.Persistence;

/// <summary>
/// The stores and serializers the persistent actors of one system use. Register with
/// <see cref="PersistenceActorSystemExtensions.UsePersistence"/> before the first persistent actor starts;
/// without it, in-memory stores are used.
/// </summary>
public sealed class PersistenceExtension(IJournal journal, ISnapshotStore snapshotStore, EventSerializerRegistry serializers)
{
    public IJournal Journal { get; } = journal ?? throw new ArgumentNullException(nameof(journal));

    public ISnapshotStore SnapshotStore { get; } = snapshotStore ?? throw new ArgumentNullException(nameof(snapshotStore));

    public EventSerializerRegistry Serializers { get; } = serializers ?? throw new ArgumentNullException(nameof(serializers));

    /// <summary>The system's registration, or in-memory stores with an empty registry.</summary>
    public static PersistenceExtension Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static _ => new PersistenceExtension(new InMemoryJournal(), new InMemorySnapshotStore(), new EventSerializerRegistry()));
    }
}
