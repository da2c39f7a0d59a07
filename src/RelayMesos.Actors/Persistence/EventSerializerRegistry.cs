using System.Collections.Concurrent;

namespace RelayMesos.Actors.Persistence;

/// <summary>
/// The stable names (manifests) of persisted types. The journal stores the manifest, never the CLR type name,
/// so classes can be renamed or moved without orphaning history; a manifest must never be reused for another shape.
/// </summary>
public sealed class EventSerializerRegistry
{
    private readonly ConcurrentDictionary<Type, (string Manifest, IEventSerializer Serializer)> _byType = new();
    private readonly ConcurrentDictionary<string, (Type Type, IEventSerializer Serializer)> _byManifest = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public EventSerializerRegistry(IEventSerializer? defaultSerializer = null)
    {
        DefaultSerializer = defaultSerializer ?? new JsonEventSerializer();
    }

    public IEventSerializer DefaultSerializer { get; }

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/> with the default (JSON) serializer.</summary>
    public EventSerializerRegistry Register<T>(string manifest) => Register(typeof(T), manifest, DefaultSerializer);

    public EventSerializerRegistry Register<T>(string manifest, IEventSerializer serializer) => Register(typeof(T), manifest, serializer);

    public EventSerializerRegistry Register(Type type, string manifest, IEventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        ArgumentNullException.ThrowIfNull(serializer);
        lock (_gate)
        {
            if (_byManifest.TryGetValue(manifest, out var existing) && existing.Type != type)
            {
                throw new ArgumentException($"Manifest '{manifest}' is already registered for {existing.Type.FullName}.", nameof(manifest));
            }

            if (_byType.TryGetValue(type, out var registered) && registered.Manifest != manifest)
            {
                throw new ArgumentException($"{type.FullName} is already registered as '{registered.Manifest}'.", nameof(type));
            }

            _byType[type] = (manifest, serializer);
            _byManifest[manifest] = (type, serializer);
        }

        return this;
    }

    public bool IsRegistered(Type type) => _byType.ContainsKey(type);

    /// <exception cref="UnregisteredEventTypeException">The value's type has no manifest.</exception>
    public (string Manifest, byte[] Payload) Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        if (!_byType.TryGetValue(type, out var entry))
        {
            throw new UnregisteredEventTypeException(type);
        }

        return (entry.Manifest, entry.Serializer.Serialize(value));
    }

    /// <exception cref="UnknownManifestException">No type is registered for the manifest.</exception>
    public object Deserialize(string manifest, byte[] payload, string persistenceId)
    {
        if (!_byManifest.TryGetValue(manifest, out var entry))
        {
            throw new UnknownManifestException(manifest, persistenceId);
        }

        return entry.Serializer.Deserialize(payload, entry.Type);
    }
}
