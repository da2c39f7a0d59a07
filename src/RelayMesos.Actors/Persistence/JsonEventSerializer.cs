using System.Text.Json;

namespace RelayMesos.Actors.Persistence;

/// <summary>The default serializer: UTF-8 JSON through System.Text.Json.</summary>
public sealed class JsonEventSerializer(JsonSerializerOptions? options = null) : IEventSerializer
{
    private readonly JsonSerializerOptions _options = options ?? JsonSerializerOptions.Default;

    public byte[] Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), _options);
    }

    public object Deserialize(byte[] payload, Type type) =>
        JsonSerializer.Deserialize(payload, type, _options)
        ?? throw new JsonException($"The payload for {type.FullName} deserialized to null.");
}
