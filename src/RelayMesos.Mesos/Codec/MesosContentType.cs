namespace RelayMesos.Mesos.Codec;

/// <summary>The two encodings the v1 scheduler endpoint accepts for calls and events.</summary>
public enum MesosContentType
{
    Protobuf,
    Json,
}
