using System.Buffers;
using System.Text;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Mesos.Tests.Codec;

public sealed class MesosMessageCodecTests
{
    [Fact]
    public void Json_events_as_a_master_writes_them_decode_with_unknown_fields_ignored()
    {
        // Shape follows the master's stout JSON: proto field names, enum names, Base64 bytes,
        // defaults emitted, 64-bit numbers as numbers, plus a field this client has never heard of.
        const string json = """
            {"type":"UPDATE","update":{"status":{"task_id":{"value":"t1"},"state":"TASK_RUNNING",
             "source":"SOURCE_EXECUTOR","uuid":"AAECAwQFBgcICQoLDA0ODw==","agent_id":{"value":"a1"},
             "unreachable_time":{"nanoseconds":1700000000000000000},"brand_new_field":{"x":1}}}}
            """;

        var decoded = MesosMessageCodec.Json.DecodeEvent(Bytes(json));

        Assert.Equal(Event.Types.Type.Update, decoded.Type);
        var status = decoded.Update.Status;
        Assert.Equal("t1", status.TaskId.Value);
        Assert.Equal(TaskState.TaskRunning, status.State);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(), status.Uuid.ToByteArray());
        Assert.Equal(1700000000000000000L, status.UnreachableTime.Nanoseconds);
    }

    [Fact]
    public void Json_calls_use_proto_field_names_and_enum_names()
    {
        var call = new Call
        {
            Type = Call.Types.Type.Subscribe,
            FrameworkId = new FrameworkID { Value = "fw" },
            Subscribe = new Call.Types.Subscribe
            {
                FrameworkInfo = new FrameworkInfo { User = "root", Name = "relay", Id = new FrameworkID { Value = "fw" } },
            },
        };

        var json = Encoding.UTF8.GetString(MesosMessageCodec.Json.Encode(call));

        Assert.Contains("\"type\": \"SUBSCRIBE\"", json, StringComparison.Ordinal);
        Assert.Contains("\"framework_id\": { \"value\": \"fw\" }", json, StringComparison.Ordinal);
        Assert.Contains("\"framework_info\"", json, StringComparison.Ordinal);
        Assert.Equal(call, MesosMessageCodec.Json.DecodeCall(Bytes(json)));
    }

    [Theory]
    [InlineData(MesosContentType.Protobuf)]
    [InlineData(MesosContentType.Json)]
    public void Events_round_trip(MesosContentType contentType)
    {
        var codec = new MesosMessageCodec(contentType);
        var evt = new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed
            {
                FrameworkId = new FrameworkID { Value = "f-0000" },
                HeartbeatIntervalSeconds = 15,
                MasterInfo = new MasterInfo { Id = "m", Ip = 16777343, Port = 5050, Hostname = "localhost" },
            },
        };

        Assert.Equal(evt, codec.DecodeEvent(new ReadOnlySequence<byte>(codec.Encode(evt))));
    }

    [Theory]
    [InlineData(MesosContentType.Protobuf, new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(MesosContentType.Json, new byte[] { (byte)'{', (byte)'"' })]
    [InlineData(MesosContentType.Json, new byte[] { (byte)'[', (byte)']' })]
    public void Garbage_is_a_typed_format_error(MesosContentType contentType, byte[] bytes)
    {
        var codec = new MesosMessageCodec(contentType);
        Assert.Throws<MesosMessageFormatException>(() => codec.DecodeEvent(new ReadOnlySequence<byte>(bytes)));
    }

    [Fact]
    public void Media_types_are_exact_and_map_back_to_their_codec()
    {
        Assert.Equal("application/x-protobuf", MesosMessageCodec.Protobuf.MediaType);
        Assert.Equal("application/json", MesosMessageCodec.Json.MediaType);
        Assert.Same(MesosMessageCodec.Json, MesosMessageCodec.ForMediaType("application/json"));
        Assert.Null(MesosMessageCodec.ForMediaType("application/json; charset=utf-8"));
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
