namespace RelayMesos.Actors.Persistence;

/// <summary>A stored event or snapshot names a manifest no type is registered for (a rename, or a newer writer).</summary>
public sealed class UnknownManifestException : Exception
{
    public UnknownManifestException(string manifest, string persistenceId)
        : base($"No type is registered for manifest '{manifest}' (persistence id '{persistenceId}'); register it with EventSerializerRegistry.Register.")
    {
        Manifest = manifest;
        PersistenceId = persistenceId;
    }

    public UnknownManifestException()
    {
        Manifest = string.Empty;
        PersistenceId = string.Empty;
    }

    public UnknownManifestException(string message)
        : base(message)
    {
        Manifest = string.Empty;
        PersistenceId = string.Empty;
    }

    public UnknownManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Manifest = string.Empty;
        PersistenceId = string.Empty;
    }

    public string Manifest { get; }

    public string PersistenceId { get; }
}
