namespace RelayMesos.Actors.Persistence;

/// <summary>Turns one registered event or snapshot type into bytes and back.</summary>
public interface IEventSerializer
{
    byte[] Serialize(object value);

    object Deserialize(byte[] payload, Type type);
}
