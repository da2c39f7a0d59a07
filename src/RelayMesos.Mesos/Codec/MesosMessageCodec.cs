using System.Buffers;
using Google.Protobuf;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Codec;

/// <summary>
/// Encodes and decodes scheduler calls and events the way a Mesos master does: binary protobuf, or
/// JSON with proto field names, enum names and Base64 bytes, ignoring fields newer masters add.
/// Both directions are here so an in-process master can share the exact same rules.
/// </summary>
public sealed class MesosMessageCodec
{
    public const string ProtobufMediaType = "application/x-protobuf";
    public const string JsonMediaType = "application/json";

    private static readonly JsonFormatter Formatter =
        new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    private static readonly JsonParser Parser =
        new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public MesosMessageCodec(MesosContentType contentType)
    {
        ContentType = contentType;
    }

    public static MesosMessageCodec Protobuf { get; } = new(MesosContentType.Protobuf);

    public static MesosMessageCodec Json { get; } = new(MesosContentType.Json);

    public MesosContentType ContentType { get; }

    /// <summary>The exact media type, without parameters: the master compares it byte for byte.</summary>
    public string MediaType => ContentType == MesosContentType.Json ? JsonMediaType : ProtobufMediaType;

    /// <summary>The codec for a Content-Type header value, or null when it is neither encoding.</summary>
    public static MesosMessageCodec? ForMediaType(string? mediaType) => mediaType switch
    {
        ProtobufMediaType => Protobuf,
        JsonMediaType => Json,
        _ => null,
    };

    public byte[] Encode(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ContentType == MesosContentType.Json
            ? System.Text.Encoding.UTF8.GetBytes(Formatter.Format(message))
            : message.ToByteArray();
    }

    /// <exception cref="MesosMessageFormatException">The bytes are not an Event.</exception>
    public Event DecodeEvent(ReadOnlySequence<byte> bytes) => Decode(Event.Parser, bytes);

    /// <exception cref="MesosMessageFormatException">The bytes are not a Call.</exception>
    public Call DecodeCall(ReadOnlySequence<byte> bytes) => Decode(Call.Parser, bytes);

    private T Decode<T>(MessageParser<T> parser, ReadOnlySequence<byte> bytes)
        where T : IMessage<T>, new()
    {
        try
        {
            return ContentType == MesosContentType.Json
                ? Parser.Parse<T>(System.Text.EncodingExtensions.GetString(System.Text.Encoding.UTF8, bytes))
                : parser.ParseFrom(bytes);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException
                                      or InvalidOperationException or ArgumentException)
        {
            throw new MesosMessageFormatException(
                $"Not a valid {typeof(T).Name} in {MediaType}: {e.Message}", e);
        }
    }
}
