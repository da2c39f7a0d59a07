using Google.Protobuf;

namespace RelayMesos.LocalCluster.Http;

/// <summary>JSON as Mesos speaks it: proto field names, enum names, Base64 bytes; unknown fields ignored on input.</summary>
public static class ProtoJson
{
    public static JsonFormatter Formatter { get; } = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    public static JsonParser Parser { get; } = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
}
